package io.tocsin.notifier.carrier;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.ChannelSender;
import io.tocsin.notifier.delivery.Redact;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.delivery.SendOutcome.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS or voice channel over its providers: a page goes to the first in its number's order whose circuit is
 * closed; a failure on the provider's side (an error, no answer) sends it through the next at once. A failure that
 * is the recipient's is final, as is a second send that got no answer: a provider that did not answer may have
 * delivered the page, and at most one extra copy may go out. Every provider failing is a temporary failure: the
 * dispatcher tries the whole order again later.
 */
final class PhoneChannel implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(PhoneChannel.class);
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP \\d{3}");

    private final Channel channel;
    private final Map<String, PhoneProvider> providers;
    private final CarrierRoutes routes;
    private final ProviderBreakers breakers;
    private final Duration receiptWithin;

    /** {@code receiptWithin}: how long a delivery receipt (a call's first status) may take before failover. */
    PhoneChannel(Channel channel, Map<String, PhoneProvider> providers, CarrierRoutes routes,
            ProviderBreakers breakers, Duration receiptWithin) {
        this.channel = channel;
        this.providers = providers;
        this.routes = routes;
        this.breakers = breakers;
        this.receiptWithin = receiptWithin;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public boolean configured() {
        return !providers.isEmpty();
    }

    @Override
    public SendOutcome send(NotificationRequested page) {
        return send(page, null);
    }

    /** After {@code failedProvider} did not deliver the page: its one extra copy, through another provider. */
    @Override
    public SendOutcome resend(NotificationRequested page, String failedProvider) {
        return send(page, failedProvider);
    }

    private SendOutcome send(NotificationRequested page, String avoid) {
        List<String> order = new ArrayList<>(routes.order(page.address()));
        if (avoid != null && order.size() > 1) {
            order.remove(avoid);
        }
        List<String> usable = order.stream().filter(breakers::permits).toList();
        if (usable.isEmpty()) {
            // every circuit is open: the page still goes out, through the first choice
            return send(page, List.of(order.getFirst()), order, avoid, new int[1]);
        }
        int[] tried = {0};
        try {
            return send(page, usable, order, avoid, tried);
        } finally {
            // a permission taken for a provider the page did not need is handed back: a half-open circuit has few
            usable.subList(tried[0], usable.size()).forEach(breakers::release);
        }
    }

    /** Tries {@code usable} in turn; {@code tried[0]} counts those called. */
    private SendOutcome send(NotificationRequested page, List<String> usable, List<String> order, String avoid,
            int[] tried) {
        List<String> failures = new ArrayList<>();
        if (avoid != null) {
            failures.add(providers.get(avoid).label() + " failed (it did not deliver the page)");
        }
        boolean copyPossible = avoid != null;
        SendOutcome.Failed last = null;
        for (int i = 0; i < usable.size(); i++) {
            PhoneProvider provider = providers.get(usable.get(i));
            tried[0] = i + 1;
            long start = System.nanoTime();
            SendOutcome outcome = provider.send(page);
            boolean providersFault = outcome instanceof SendOutcome.Failed failed && failed.fault() != Fault.RECIPIENT;
            breakers.record(provider.name(), System.nanoTime() - start, providersFault);
            if (outcome instanceof SendOutcome.Sent sent) {
                String next = copyPossible ? null : order.stream().filter(name -> !name.equals(provider.name()))
                        .findFirst().orElse(null);
                String failedOver = failures.isEmpty() ? null : String.join("; ", failures);
                return new SendOutcome.Sent(sent.providerId(), sent.detail(), new SendOutcome.Carried(provider.name(),
                        provider.label(), failedOver, next, next == null ? null : receiptWithin, copyPossible));
            }
            last = (SendOutcome.Failed) outcome;
            if (last.fault() == Fault.RECIPIENT) {
                return failures.isEmpty() ? last : new SendOutcome.Failed(last.temporary(),
                        String.join("; ", failures) + "; " + last.reason(), last.retryAfter(), last.fault());
            }
            failures.add(provider.label() + " failed (" + briefly(last) + ")");
            if (last.fault() == Fault.NO_ANSWER) {
                if (copyPossible) {
                    // a copy may be on its way already: another send could make it two
                    break;
                }
                copyPossible = true;
            }
            if (i + 1 < usable.size()) {
                log.warn("notification={} incident={} channel={} to={} {} failed ({}): sending through {}", page.id(),
                        page.incidentId(), channel, Redact.address(page.address()), provider.label(), last.reason(),
                        providers.get(usable.get(i + 1)).label());
            }
        }
        return failures.size() == 1 ? last : new SendOutcome.Failed(last.temporary(), String.join("; ", failures),
                last.retryAfter(), last.fault());
    }

    /** "HTTP 503" where the provider answered with a status, else its reason. */
    private static String briefly(SendOutcome.Failed failed) {
        if (failed.fault() == Fault.NO_ANSWER) {
            return "no answer";
        }
        Matcher status = HTTP_STATUS.matcher(failed.reason());
        return status.find() ? status.group() : failed.reason();
    }
}
