package io.tocsin.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookDestinationsTest {

    private final WebhookDestinations nothingAllowed = new WebhookDestinations(List.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "[::1], loopback", "169.254.169.254, link-local", "[fe80::1], link-local",
            "10.0.0.7, private", "172.16.5.4, private", "172.31.255.255, private", "192.168.1.1, private",
            "[fc00::1], private", "[fd12:3456::1], private", "0.0.0.0, unspecified", "224.0.0.1, multicast",
            "[::ffff:127.0.0.1], loopback"})
    void addressesInsideTheNetworkAreRefused(String host, String kind) throws UnknownHostException {
        assertThat(nothingAllowed.refusal(host)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("a " + kind + " address").contains("TOCSIN_WEBHOOK_ALLOWED_HOSTS"));
    }

    @ParameterizedTest
    @CsvSource({
            "100.64.0.1, shared (carrier-grade NAT", "100.127.255.254, shared (carrier-grade NAT",
            "198.18.0.1, benchmarking", "198.19.255.255, benchmarking", "240.0.0.1, reserved",
            "255.255.255.255, reserved", "0.1.2.3, unspecified",
            "[64:ff9b::7f00:1], loopback (NAT64 of 127.0.0.1)", "[64:ff9b::a9fe:a9fe], link-local (NAT64 of",
            "[64:ff9b::a00:7], private (NAT64 of 10.0.0.7)", "[64:ff9b:1::5], private (local-use NAT64",
            "[2002:7f00:1::], loopback (6to4 of 127.0.0.1)", "[2002:c0a8:101::1], private (6to4 of 192.168.1.1)",
            "[::127.0.0.1], loopback (IPv4-in-IPv6 of 127.0.0.1)", "[::ffff:10.0.0.1], private",
            "[::ffff:a9fe:a9fe], link-local", "[fc00::1], private", "[fdff:ffff::1], private"})
    void rangesJavaHasNoPredicateForAndIpv4InsideIpv6AreRefused(String host, String kind)
            throws UnknownHostException {
        assertThat(nothingAllowed.refusal(host)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("a " + kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0x7f.0.0.1", "017700000001",
            "0x7F.0x0.0x0.0x1", "10.1", "8.8.8.010", "1.2.3.4.", "3232235777"})
    void ipv4AddressesInAnyButTheDottedDecimalFormAreRefusedWithoutAsking(String host) throws UnknownHostException {
        assertThat(nothingAllowed.refusal(host)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("write it as four decimal numbers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "172.32.0.1", "[2606:4700::1111]", "8.8.8.8", "100.128.0.1",
            "198.20.0.1", "[64:ff9b::808:808]", "[2002:808:808::1]", "[::ffff:8.8.8.8]"})
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
        WebhookDestinations allowed = new WebhookDestinations(List.of(" LocalHost ", "10.0.0.7", "::1", ""));

        assertThat(allowed.refusal("localhost")).isEmpty();
        assertThat(allowed.refusal("10.0.0.7")).isEmpty();
        assertThat(allowed.refusal("[0:0:0:0:0:0:0:1]")).isEmpty();
        assertThat(allowed.refusal("10.0.0.8")).isPresent();
        assertThat(allowed.refusal("169.254.169.254")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "10.0.0.1", "2130706433", "[::1]", "localhost", "api.localhost",
            "[64:ff9b::a00:7]"})
    void anAddressThatIsAlwaysRefusedIsRefusedWithoutAskingDns(String host) {
        assertThat(nothingAllowed.refusalAsWritten(host)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("refused to call " + host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example.com", "8.8.8.8", "[2606:4700::1111]", "1..2"})
    void namesAndPublicAddressesWaitForThePageToBeChecked(String host) {
        assertThat(nothingAllowed.refusalAsWritten(host)).isEmpty();
        assertThat(new WebhookDestinations(List.of("10.0.0.1")).refusalAsWritten("10.0.0.1")).isEmpty();
    }
}
