package io.tocsin.notifier.email;

import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.PageText;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an email page says, for its templates: the incident, the monitor's details and links, and the acknowledge /
 * resolve links (absent when the page went to no contact method, e.g. to nobody Tocsin could act as), and the
 * incident's console page (absent when TOCSIN_CONSOLE_URL is not set). Everything
 * the monitor wrote is kept as text here; the templates escape it.
 */
record EmailPage(String subject, String label, String summary, String serviceName, String severity, String source,
        String recipient, List<Detail> details, List<Link> links, String acknowledgeUrl, String resolveUrl,
        String linksExpire, String incidentUrl) {

    /** More would not be read in a page; the incident's full details stay with routing. */
    private static final int MAX_DETAILS = 40;
    private static final int MAX_VALUE = 1_000;
    private static final int MAX_SUBJECT_SUMMARY = 150;

    record Detail(String name, String value) {
    }

    record Link(String text, String url) {
    }

    static EmailPage of(NotificationRequested n, String acknowledgeUrl, String resolveUrl, String linksExpire,
            String incidentUrl) {
        String label = n.incidentNumber() == null ? PageText.shortId(n.incidentId()) : "#" + n.incidentNumber();
        String severity = n.severity() == null ? null : n.severity().name();
        return new EmailPage(subject(label, severity, n.summary()), label, n.summary(), n.serviceName(), severity,
                n.source(), n.userName(), details(n.details()), links(n.details()), acknowledgeUrl, resolveUrl,
                linksExpire, incidentUrl);
    }

    /** "[Tocsin #12] CRITICAL: Disk full on db-1", on one line whatever the summary holds. */
    static String subject(String label, String severity, String summary) {
        String line = summary == null ? "" : summary.replaceAll("\\s+", " ").strip();
        if (line.length() > MAX_SUBJECT_SUMMARY) {
            line = line.substring(0, MAX_SUBJECT_SUMMARY) + "…";
        }
        return "[Tocsin " + label + "] " + (severity == null ? "" : severity + ": ") + line;
    }

    /** The monitor's details as name and text; nested values as JSON. Links are listed on their own. */
    private static List<Detail> details(Map<String, Object> details) {
        return details.entrySet().stream()
                .filter(entry -> !entry.getKey().equals("links") && entry.getValue() != null)
                .limit(MAX_DETAILS)
                .map(entry -> new Detail(entry.getKey(), cut(text(entry.getValue()))))
                .toList();
    }

    /**
     * Links a monitor gave: PagerDuty-style {@code links} ({@code href}, {@code text}), {@code client_url}, and any
     * top-level detail whose value is a web address (Alertmanager's generatorURL, Grafana's dashboardURL). Only
     * http(s) addresses become links.
     */
    private static List<Link> links(Map<String, Object> details) {
        List<Link> links = new ArrayList<>();
        if (details.get("links") instanceof Collection<?> given) {
            for (Object entry : given) {
                if (entry instanceof Map<?, ?> link && link.get("href") instanceof String href && web(href)) {
                    links.add(new Link(link.get("text") instanceof String text && !text.isBlank() ? text : href, href));
                }
            }
        }
        details.forEach((name, value) -> {
            if (!name.equals("links") && value instanceof String url && web(url)) {
                String text = name.equals("client_url") && details.get("client") instanceof String client
                        ? "Open in " + client : name;
                links.add(new Link(text, url));
            }
        });
        return links.stream().distinct().limit(MAX_DETAILS).toList();
    }

    private static boolean web(String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        try {
            return JsonMapper.shared().writeValueAsString(value);
        } catch (JacksonException e) {
            return String.valueOf(value);
        }
    }

    private static String cut(String value) {
        return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value;
    }
}
