package io.tocsin.notifier.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;

/**
 * The HTTP client under the Twilio SDK: one request per call, sent to the configured base URL. The SDK would repeat
 * a 5xx itself (three POSTs 100 ms apart) and Apache's client a 429 or 503: those attempts reached no timeline, and
 * a 500 after Twilio had accepted the message became a second SMS. Tocsin retries instead, each attempt reported and
 * bounded by its deadline. The SDK has no base-URL setting: each request's scheme and host are rewritten here.
 */
final class TwilioHttpClient extends NetworkHttpClient {

    private final URI base;

    /** {@code base}: {@code https://api.twilio.com}, or where a test's fake Twilio listens. */
    TwilioHttpClient(URI base) {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG)
                        // SMS and voice share this pool; how many calls are under way is bounded per channel by
                        // tocsin.notifier.provider-concurrency, not by a second, smaller limit hidden here
                        .setMaxConnPerRoute(1_000)
                        .setMaxConnTotal(1_000)
                        .build())
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .disableAutomaticRetries());
        this.base = base;
    }

    @Override
    public Response reliableRequest(Request request) {
        return reliableRequest(request, RETRY_CODES, 1, 0);
    }

    @Override
    public Response makeRequest(Request request) {
        URI original = URI.create(request.getUrl());
        if (original.getScheme().equals(base.getScheme()) && original.getAuthority().equals(base.getAuthority())) {
            return super.makeRequest(request);
        }
        String path = original.getRawPath() + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
        Request redirected = new Request(request.getMethod(), base.toString().replaceAll("/$", "") + path);
        // the builder stores the credentials as username/password on each request, not as a strategy
        redirected.setAuth(request.getUsername(), request.getPassword());
        request.getQueryParams().forEach((name, values) -> values.forEach(v -> redirected.addQueryParam(name, v)));
        request.getPostParams().forEach((name, values) -> values.forEach(v -> redirected.addPostParam(name, v)));
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> redirected.addHeaderParam(name, v)));
        redirected.setContentType(request.getContentType());
        redirected.setBody(request.getBody());
        redirected.setUserAgentExtensions(request.getUserAgentExtensions());
        return super.makeRequest(redirected);
    }
}
