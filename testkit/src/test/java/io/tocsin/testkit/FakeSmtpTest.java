package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

class FakeSmtpTest {

    @Test
    void receivesMailSentWithLogin() throws Exception {
        try (FakeSmtp smtp = new FakeSmtp()) {
            Properties properties = new Properties();
            properties.put("mail.smtp.host", smtp.host());
            properties.put("mail.smtp.port", String.valueOf(smtp.port()));
            properties.put("mail.smtp.auth", "true");
            MimeMessage mail = new MimeMessage(Session.getInstance(properties));
            mail.setFrom(new InternetAddress("tocsin@example.org"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.org"));
            mail.setSubject("[CRITICAL] db-primary down");
            mail.setText("Acknowledge at https://tocsin.example.org/incidents/42");

            Transport.send(mail, "tocsin", "any-password");

            MimeMessage[] received = smtp.awaitMessages(1, Duration.ofSeconds(5));
            assertThat(received).singleElement().satisfies(message -> {
                assertThat(message.getSubject()).isEqualTo("[CRITICAL] db-primary down");
                assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.org");
                assertThat(((String) message.getContent()).trim())
                        .isEqualTo("Acknowledge at https://tocsin.example.org/incidents/42");
            });

            smtp.reset();
            assertThat(smtp.receivedMessages()).isEmpty();
        }
    }

    @Test
    void failsAWaitThatRunsOut() {
        try (FakeSmtp smtp = new FakeSmtp()) {
            assertThatThrownBy(() -> smtp.awaitMessages(1, Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("received 0");
        }
    }
}
