package io.tocsin.notifier.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The sender of email pages ({@code TOCSIN_MAIL_FROM}), e.g. {@code Tocsin <tocsin@example.org>}. */
@ConfigurationProperties("tocsin.mail")
public record EmailProperties(String from) {
}
