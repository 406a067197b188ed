package io.tocsin.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    private final Destinations nothingAllowed = new Destinations(List.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "[::1], loopback", "169.254.169.254, link-local", "[fe80::1], link-local",
            "10.0.0.7, private", "172.16.5.4, private", "172.31.255.255, private", "192.168.1.1, private",
            "[fc00::1], private", "[fd12:3456::1], private", "0.0.0.0, unspecified", "224.0.0.1, multicast",
            "[::ffff:127.0.0.1], loopback"})
    void addressesInsideTheNetworkAreRefused(String host, String kind) throws UnknownHostException {
        assertThat(nothingAllowed.refusal(host)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("a " + kind + " address").contains("tocsin.notifier.webhook.allowed-hosts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "172.32.0.1", "[2606:4700::1111]", "8.8.8.8"})
    void publicAddressesAreCalled(String host) throws UnknownHostException {
        assertThat(nothingAllowed.refusal(host)).isEmpty();
    }

    @Test
    void aHostThatResolvesInsideIsRefusedByWhatItResolvesTo() throws UnknownHostException {
        assertThat(nothingAllowed.refusal("localhost")).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("refused to call localhost: it resolves to").contains("loopback"));
    }

    @Test
    void theAllowListNamesHostsOrAddresses() throws UnknownHostException {
        Destinations allowed = new Destinations(List.of(" LocalHost ", "10.0.0.7", "::1", ""));

        assertThat(allowed.refusal("localhost")).isEmpty();
        assertThat(allowed.refusal("10.0.0.7")).isEmpty();
        assertThat(allowed.refusal("[0:0:0:0:0:0:0:1]")).isEmpty();
        assertThat(allowed.refusal("10.0.0.8")).isPresent();
        assertThat(allowed.refusal("169.254.169.254")).isPresent();
    }
}
