package io.tocsin.routing.user;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.WebhookDestinations;
import io.tocsin.routing.api.InvalidRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** What an address of each channel must look like: checks what an admin typed and gives the form Tocsin stores. */
@Component
public class ContactAddresses {

    /** How the API describes a webhook address, in errors and docs. */
    public static final String WEBHOOK_FORM = "an absolute http(s) URL with a host, e.g. https://hooks.example.com/tocsin";
    /** How the API describes a PUSH address. */
    public static final String PUSH_FORM = "an ntfy topic URL: http(s), a host and the topic (letters, digits, _ and -,"
            + " up to 64), e.g. https://ntfy.sh/tocsin-alice-7f3k";
    private static final Pattern NTFY_TOPIC = Pattern.compile("/[A-Za-z0-9_-]{1,64}");

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SLACK_MEMBER = Pattern.compile("[UW][A-Z0-9]{2,}");

    private final String defaultRegion;
    private final WebhookDestinations webhooks;

    ContactAddresses(PhoneProperties phones, WebhookProperties webhooks) {
        this.defaultRegion = phones.defaultRegion();
        this.webhooks = new WebhookDestinations(webhooks.allowedHosts());
    }

    /** The address as stored (phone numbers in E.164), or a 400 saying what the channel expects. */
    String normalized(Channel channel, String typed) {
        String address = typed.trim();
        Optional<String> normalized = switch (channel) {
            case SMS, VOICE -> e164(address);
            case EMAIL -> Optional.of(address).filter(EMAIL.asMatchPredicate());
            case SLACK -> Optional.of(address).filter(SLACK_MEMBER.asMatchPredicate());
            case WEBHOOK -> Optional.of(address).filter(ContactAddresses::isWebhookUrl);
            case PUSH -> Optional.of(address).filter(ContactAddresses::isNtfyTopicUrl);
            case CONSOLE -> Optional.of(address);
        };
        String stored = normalized.orElseThrow(() -> new InvalidRequest("'address' of a " + channel
                + " contact method must be " + expected(channel) + ", not '" + address + "'"));
        if (channel == Channel.WEBHOOK || channel == Channel.PUSH) {
            webhookRefusal(stored).ifPresent(refusal -> {
                throw new InvalidRequest("'address' of a " + channel + " contact method would never be called: "
                        + refusal);
            });
        }
        return stored;
    }

    private String expected(Channel channel) {
        return switch (channel) {
            case SMS, VOICE -> "a phone number with its country code, e.g. +44 20 7946 0958, or a national number"
                    + " of region " + defaultRegion + " (TOCSIN_PHONE_DEFAULT_REGION)";
            case EMAIL -> "an email address";
            case SLACK -> "a Slack member ID, e.g. U024BE7LH";
            case WEBHOOK -> WEBHOOK_FORM;
            case PUSH -> PUSH_FORM;
            case CONSOLE -> "any label";
        };
    }

    private Optional<String> e164(String address) {
        try {
            PhoneNumber number = PHONES.parse(address, defaultRegion);
            return PHONES.isValidNumber(number) ? Optional.of(PHONES.format(number, PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Why the notifier would refuse every page to this {@link #WEBHOOK_FORM} URL, if it would: its host is an address
     * inside Tocsin's network that TOCSIN_WEBHOOK_ALLOWED_HOSTS does not name. Said when an admin types it, not
     * at the first page.
     */
    public Optional<String> webhookRefusal(String url) {
        return webhooks.refusalAsWritten(URI.create(url).getHost());
    }

    /** Whether the address is {@link #PUSH_FORM}: no query, no fragment, no user info (a token goes apart). */
    static boolean isNtfyTopicUrl(String address) {
        if (!isWebhookUrl(address)) {
            return false;
        }
        URI url = URI.create(address);
        return url.getRawQuery() == null && url.getRawFragment() == null && url.getRawUserInfo() == null
                && url.getRawPath() != null && NTFY_TOPIC.matcher(url.getRawPath()).matches();
    }

    /** Whether the address is {@link #WEBHOOK_FORM}. */
    public static boolean isWebhookUrl(String address) {
        try {
            URI url = new URI(address);
            return url.isAbsolute() && url.getHost() != null && !url.getHost().isBlank()
                    && (url.getScheme().toLowerCase(Locale.ROOT).equals("https")
                            || url.getScheme().toLowerCase(Locale.ROOT).equals("http"));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
