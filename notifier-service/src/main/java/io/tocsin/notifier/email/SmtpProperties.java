package io.tocsin.notifier.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMTP server email pages go through: {@code TOCSIN_SMTP_HOST} (email is live only when it is set),
 * {@code TOCSIN_SMTP_PORT} (587, submission), {@code TOCSIN_SMTP_USERNAME} and {@code TOCSIN_SMTP_PASSWORD} (login
 * when a username is set). STARTTLS is used whenever the server offers it. {@code timeout} bounds connecting,
 * reading and writing, so a stalled server fails a page instead of holding the notifier.
 */
@ConfigurationProperties("tocsin.smtp")
public record SmtpProperties(String host, @DefaultValue("587") int port, String username, String password,
        @DefaultValue("PT10S") Duration timeout) {

    boolean login() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "unset" : "(hidden)") + ", timeout=" + timeout + "]";
    }
}
