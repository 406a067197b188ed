package io.tocsin.notifier.email;

import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.ITemplateResolver;

/**
 * Renders an email page from templates/email/page.html (HTML-escaped: monitors write summaries and details) and
 * templates/email/page.txt (plain text), with the Thymeleaf engine Spring Boot configures.
 */
final class EmailTemplates {

    /** The two parts of an email page. */
    record Rendered(String text, String html) {
    }

    private final ITemplateEngine engine;

    EmailTemplates(ITemplateEngine engine) {
        this.engine = engine;
    }

    Rendered render(EmailPage page) {
        Context context = new Context();
        context.setVariables(Map.of("page", page));
        return new Rendered(engine.process("email/page.txt", context), engine.process("email/page", context));
    }

    /**
     * Reads the plain-text templates ({@code *.txt}); Boot's own resolver reads {@code *.html} only. Boot's engine
     * takes every template resolver bean, this one first.
     */
    static ITemplateResolver textResolver() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setResolvablePatterns(Set.of("*.txt"));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return resolver;
    }
}
