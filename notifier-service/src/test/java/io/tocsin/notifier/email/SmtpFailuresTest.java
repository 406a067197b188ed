package io.tocsin.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tocsin.notifier.delivery.SendOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP failures as Spring Mail and Jakarta Mail really raise them, against a scripted SMTP server, classified for
 * the dispatcher: a 4xx reply or an unreachable server is worth another try, a 5xx reply or a refused login is not.
 */
class SmtpFailuresTest {

    private final ScriptedSmtpServer server = new ScriptedSmtpServer();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RCPT | 450 4.2.0 <ada@example.test>: Recipient address rejected: Greylisted, try again",
            "RCPT | 452 4.2.2 Mailbox full",
            "MAIL | 421 4.7.0 Too many connections, closing",
            "MAIL | 451 4.3.0 Temporary local problem",
            "DATA | 451 4.7.1 Please try again later"})
    void aFourHundredReplyIsTemporary(String command, String reply) {
        server.reply(command, reply);

        SendOutcome.Failed failed = SmtpFailures.of(sendFails(sender(server.port(), null)));

        assertThat(failed.temporary()).isTrue();
        assertThat(failed.reason()).contains("the SMTP server answered " + reply.substring(0, 3)).contains("try again");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RCPT | 550 5.1.1 <ada@example.test>: Recipient address rejected: User unknown | fix the user's email contact method",
            "RCPT | 553 5.7.1 Relaying denied | fix the user's email contact method",
            "MAIL | 553 5.7.1 Sender address rejected: not owned by user | check TOCSIN_MAIL_FROM",
            "DATA | 554 5.7.1 Message rejected as spam | check TOCSIN_MAIL_FROM"})
    void aFiveHundredReplyIsPermanentAndSaysWhatToFix(String command, String reply, String hint) {
        server.reply(command, reply);

        SendOutcome.Failed failed = SmtpFailures.of(sendFails(sender(server.port(), null)));

        assertThat(failed.temporary()).isFalse();
        assertThat(failed.reason()).contains("the SMTP server answered " + reply).contains(hint);
    }

    @Test
    void aRefusedLoginIsPermanentAndPointsAtTheCredentials() {
        server.reply("AUTH", "535 5.7.8 Authentication credentials invalid");

        SendOutcome.Failed failed = SmtpFailures.of(sendFails(sender(server.port(), "tocsin")));

        assertThat(failed.temporary()).isFalse();
        assertThat(failed.reason()).contains("refused the login").contains("TOCSIN_SMTP_PASSWORD")
                .doesNotContain("wrong-password");
    }

    @Test
    void anUnreachableServerIsTemporary() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }

        SendOutcome.Failed failed = SmtpFailures.of(sendFails(sender(closed, null)));

        assertThat(failed.temporary()).isTrue();
        assertThat(failed.reason()).startsWith("SMTP server unreachable: ");
    }

    @Test
    void anAcceptedMailRaisesNothing() {
        JavaMailSenderImpl sender = sender(server.port(), null);

        sender.send(mail());

        assertThat(sender.getPort()).isEqualTo(server.port());
    }

    /** Spring Mail's sender configured as the notifier configures it. */
    private static JavaMailSenderImpl sender(int port, String username) {
        SmtpProperties smtp = new SmtpProperties("127.0.0.1", port, username, "wrong-password", Duration.ofSeconds(5));
        return new EmailConfiguration.Smtp().mailSender(smtp);
    }

    private static MailException sendFails(JavaMailSenderImpl sender) {
        MailException failure = catchThrowableOfType(MailException.class, () -> sender.send(mail()));
        assertThat(failure).as("the send should have failed").isNotNull();
        return failure;
    }

    private static SimpleMailMessage mail() {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom("tocsin@pager.example.test");
        mail.setTo("ada@example.test");
        mail.setSubject("[Tocsin #1] CRITICAL: Disk full");
        mail.setText("Disk full");
        return mail;
    }
}
