package io.tocsin.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class EmailConfigurationTest {

    private final EmailConfiguration.Smtp smtp = new EmailConfiguration.Smtp();

    @Test
    void anSmtpHostWithoutASenderAddressStopsTheStartSayingWhatToSet() {
        LinkTokens links = new LinkTokens(new LinkProperties(List.of("k".repeat(32)), Duration.ofHours(24)),
                Clock.systemUTC());

        assertThatThrownBy(() -> smtp.emailSender(new JavaMailSenderImpl(), null, new EmailProperties(" "),
                properties("smtp.example.test", null), links, null, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TOCSIN_MAIL_FROM");
    }

    @Test
    void theSenderUsesStartTlsWhenOfferedAndBoundedWaits() {
        JavaMailSenderImpl sender = smtp.mailSender(properties(" smtp.example.test ", "tocsin"));

        assertThat(sender.getHost()).isEqualTo("smtp.example.test");
        assertThat(sender.getPort()).isEqualTo(587);
        assertThat(sender.getJavaMailProperties())
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "false")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "10000")
                .containsEntry("mail.smtp.writetimeout", "10000");
    }

    @Test
    void withoutAUsernameThereIsNoLoginAndThePasswordIsNeverPrinted() {
        SmtpProperties properties = properties("smtp.example.test", null);

        assertThat(smtp.mailSender(properties).getJavaMailProperties()).doesNotContainKey("mail.smtp.auth");
        assertThat(properties.toString()).doesNotContain("s3cret-password").contains("(hidden)");
    }

    private static SmtpProperties properties(String host, String username) {
        return new SmtpProperties(host, 587, username, "s3cret-password", Duration.ofSeconds(10));
    }
}
