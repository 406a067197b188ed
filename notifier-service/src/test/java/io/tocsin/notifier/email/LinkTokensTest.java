package io.tocsin.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.notifier.email.LinkTokens.LinkToken;
import io.tocsin.notifier.email.LinkTokens.Verified;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String CURRENT = "current-key-4f1c9a7e2b5d8036";
    private static final String PREVIOUS = "previous-key-b81e27c04d9f3a65";

    private final UUID incident = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();

    @Test
    void aTokenCarriesItsIncidentContactActionAndExpiry() {
        LinkTokens tokens = tokens(NOW, CURRENT);
        Instant expiry = tokens.expiryFromNow();

        String token = tokens.issue(incident, contact, LinkAction.RESOLVE, expiry);

        assertThat(expiry).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(token).matches("[A-Za-z0-9_-]{78}");
        assertThat(tokens.verify(token)).isInstanceOfSatisfying(Verified.Valid.class, valid -> {
            LinkToken link = valid.token();
            assertThat(link.incidentId()).isEqualTo(incident);
            assertThat(link.contactMethodId()).isEqualTo(contact);
            assertThat(link.action()).isEqualTo(LinkAction.RESOLVE);
            assertThat(link.expiresAt()).isEqualTo(expiry);
            assertThat(link.id()).hasSize(32);
        });
        // the same link has the same id: a second press of its button is the same command
        assertThat(((Verified.Valid) tokens.verify(token)).token().id())
                .isEqualTo(((Verified.Valid) tokens.verify(token)).token().id());
    }

    @Test
    void anyChangedCharacterMakesItInvalid() {
        LinkTokens tokens = tokens(NOW, CURRENT);
        String token = tokens.issue(incident, contact, LinkAction.ACKNOWLEDGE, tokens.expiryFromNow());

        for (int i = 0; i < token.length(); i++) {
            char changed = token.charAt(i) == 'A' ? 'B' : 'A';
            String forged = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(tokens.verify(forged)).as("changed at %d", i).isInstanceOf(Verified.Invalid.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "not a token at all!", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void somethingElseIsInvalid(String token) {
        assertThat(tokens(NOW, CURRENT).verify(token)).isInstanceOf(Verified.Invalid.class);
    }

    @Test
    void aTokenSignedWithThePreviousKeyStillVerifiesAfterARotation() {
        LinkTokens before = tokens(NOW, PREVIOUS);
        LinkTokens after = tokens(NOW, CURRENT, PREVIOUS);

        String old = before.issue(incident, contact, LinkAction.ACKNOWLEDGE, before.expiryFromNow());

        assertThat(after.verify(old)).isInstanceOf(Verified.Valid.class);
        // new tokens are signed with the first key only: dropping the previous key later keeps them valid
        String fresh = after.issue(incident, contact, LinkAction.ACKNOWLEDGE, after.expiryFromNow());
        assertThat(tokens(NOW, CURRENT).verify(fresh)).isInstanceOf(Verified.Valid.class);
        assertThat(before.verify(fresh)).isInstanceOf(Verified.Invalid.class);
    }

    @Test
    void aTokenOfARetiredKeyIsInvalid() {
        String old = tokens(NOW, PREVIOUS).issue(incident, contact, LinkAction.ACKNOWLEDGE, NOW.plusSeconds(60));

        assertThat(tokens(NOW, CURRENT).verify(old)).isInstanceOf(Verified.Invalid.class);
    }

    @Test
    void aTokenPastItsExpiryIsExpiredButStillSaysWhatItWasFor() {
        LinkTokens tokens = tokens(NOW, CURRENT);
        String token = tokens.issue(incident, contact, LinkAction.ACKNOWLEDGE, NOW.minusSeconds(1));

        assertThat(tokens.verify(token)).isInstanceOfSatisfying(Verified.Expired.class,
                expired -> assertThat(expired.token().incidentId()).isEqualTo(incident));
        assertThat(tokens(NOW.minus(Duration.ofSeconds(2)), CURRENT).verify(token)).isInstanceOf(Verified.Valid.class);
    }

    @Test
    void withoutAConfiguredKeyEachStartSignsWithItsOwnRandomKey() {
        LinkTokens first = tokens(NOW);
        LinkTokens restarted = tokens(NOW);

        String token = first.issue(incident, contact, LinkAction.ACKNOWLEDGE, first.expiryFromNow());

        assertThat(first.keyConfigured()).isFalse();
        assertThat(first.verify(token)).isInstanceOf(Verified.Valid.class);
        assertThat(restarted.verify(token)).isInstanceOf(Verified.Invalid.class);
    }

    @Test
    void blankKeysAreIgnoredAndNoKeyIsPrinted() {
        LinkProperties properties = new LinkProperties(List.of(" ", CURRENT + " "), Duration.ofHours(1));

        assertThat(properties.linkKeys()).containsExactly(CURRENT);
        assertThat(properties.toString()).doesNotContain(CURRENT).contains("1 hidden");
    }

    private static LinkTokens tokens(Instant now, String... keys) {
        return new LinkTokens(new LinkProperties(List.of(keys), Duration.ofHours(24)), Clock.fixed(now, ZoneOffset.UTC));
    }
}
