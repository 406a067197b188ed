package io.tocsin.notifier.email;

import io.tocsin.notifier.NotifierProperties;
import java.time.Clock;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * Email: the SMTP client and the EMAIL channel, made only when {@code TOCSIN_SMTP_HOST} is set (otherwise email
 * pages go to the console like any channel without a provider). The email links' pages work either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SmtpProperties.class, EmailProperties.class, LinkProperties.class})
class EmailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmailConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @Conditional(SmtpConfigured.class)
    static class Smtp {

        /** Spring Mail's sender on Jakarta Mail, with bounded waits and STARTTLS whenever the server offers it. */
        @Bean
        JavaMailSenderImpl mailSender(SmtpProperties smtp) {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost(smtp.host().strip());
            sender.setPort(smtp.port());
            sender.setDefaultEncoding("UTF-8");
            Properties properties = sender.getJavaMailProperties();
            // opportunistic: use TLS when offered, still deliver to a relay on a private network that has none
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "false");
            String millis = String.valueOf(smtp.timeout().toMillis());
            properties.setProperty("mail.smtp.connectiontimeout", millis);
            properties.setProperty("mail.smtp.timeout", millis);
            properties.setProperty("mail.smtp.writetimeout", millis);
            if (smtp.login()) {
                sender.setUsername(smtp.username());
                sender.setPassword(smtp.password());
                properties.setProperty("mail.smtp.auth", "true");
            }
            return sender;
        }

        @Bean
        ITemplateResolver emailTextTemplateResolver() {
            return EmailTemplates.textResolver();
        }

        @Bean
        EmailSender emailSender(JavaMailSenderImpl mailSender, ITemplateEngine templateEngine, EmailProperties email,
                SmtpProperties smtp, LinkTokens links, NotifierProperties notifier, Clock clock) {
            if (!StringUtils.hasText(email.from())) {
                throw new IllegalStateException("TOCSIN_SMTP_HOST is set but TOCSIN_MAIL_FROM is not: set it to the"
                        + " address email pages come from, e.g. \"Tocsin <tocsin@example.org>\"");
            }
            if (!links.keyConfigured()) {
                log.warn("No TOCSIN_LINK_KEYS (tocsin.notifier.link-keys): the acknowledge links in emails are signed"
                        + " with a key made at start, and stop working when this notifier restarts (and on any other"
                        + " instance). Set one or more random keys of 32+ characters, comma-separated");
            }
            log.info("Email channel live: SMTP {}:{}{}, from {}", smtp.host(), smtp.port(),
                    smtp.login() ? " with login" : "", email.from());
            return new EmailSender(mailSender, new EmailTemplates(templateEngine), email.from(), links, notifier, clock);
        }
    }

    /** A host that is set and not blank: an empty TOCSIN_SMTP_HOST means no email, not a host named "". */
    static class SmtpConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("tocsin.smtp.host"));
        }
    }
}
