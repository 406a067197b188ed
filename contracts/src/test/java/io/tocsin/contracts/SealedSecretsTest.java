package io.tocsin.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealedSecretsTest {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aSealedSecretOpensAndDoesNotShowTheSecret() {
        SealedSecrets secrets = new SealedSecrets(List.of(NEW_KEY));

        String sealed = secrets.seal("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2");

        assertThat(sealed).startsWith("v1.").doesNotContain("tk_");
        assertThat(secrets.open(sealed)).contains("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2");
        assertThat(secrets.seal("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2")).isNotEqualTo(sealed);
    }

    @Test
    void aSecretSealedBeforeARotationStillOpensWhileItsKeyIsListed() {
        String sealedBefore = new SealedSecrets(List.of(OLD_KEY)).seal("before");
        SealedSecrets rotated = new SealedSecrets(List.of(NEW_KEY, OLD_KEY));

        assertThat(rotated.open(sealedBefore)).contains("before");
        assertThat(new SealedSecrets(List.of(OLD_KEY)).open(rotated.seal("after"))).isEmpty();
        assertThat(new SealedSecrets(List.of(NEW_KEY)).open(sealedBefore)).isEmpty();
    }

    @Test
    void aTamperedSecretDoesNotOpen() {
        SealedSecrets secrets = new SealedSecrets(List.of(NEW_KEY));
        String sealed = secrets.seal("token");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);

        assertThat(secrets.open(tampered)).isEmpty();
        assertThat(secrets.open("v1.0000.abc")).isEmpty();
        assertThat(secrets.open("token")).isEmpty();
        assertThat(secrets.open(null)).isEmpty();
    }

    @Test
    void aKeyThatIsNot32BytesStopsTheStartWithHowToMakeOne() {
        assertThatThrownBy(() -> new SealedSecrets(List.of("short")))
                .hasMessageContaining("TOCSIN_SECRET_KEYS").hasMessageContaining("openssl rand -base64 32");
        assertThat(new SealedSecrets(List.of()).configured()).isFalse();
        assertThatThrownBy(() -> new SealedSecrets(List.of()).seal("x")).hasMessageContaining("TOCSIN_SECRET_KEYS");
        assertThat(new SealedSecrets(List.of(NEW_KEY)).toString()).doesNotContain(NEW_KEY);
    }
}
