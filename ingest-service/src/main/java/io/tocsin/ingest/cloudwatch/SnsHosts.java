package io.tocsin.ingest.cloudwatch;

import io.tocsin.ingest.intake.Reason;
import io.tocsin.ingest.intake.Rejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a URL in an SNS message really points at Amazon SNS: https, the default port, no user info, and a
 * host {@code sns.<region>.amazonaws.com} (or {@code .amazonaws.com.cn}). Ingest fetches certificates and confirms
 * subscriptions only at such URLs, so a forged message cannot make it call anywhere else.
 */
final class SnsHosts {

    private static final Pattern HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

    private SnsHosts() {
    }

    /** The URL if it is a genuine SNS one; otherwise rejects the message as not signed by SNS. */
    static URI requireGenuine(String url, String field) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equals(uri.getScheme()) || uri.getRawUserInfo() != null
                || (uri.getPort() != -1 && uri.getPort() != 443) || uri.getHost() == null
                || !HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()) {
            throw new Rejected(Reason.SIGNATURE_INVALID, "'" + field
                    + "' is not an https URL of an sns.<region>.amazonaws.com host; the message is not from SNS");
        }
        return uri;
    }
}
