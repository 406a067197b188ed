package io.tocsin.cli.importer;

import io.tocsin.cli.api.ApiRefused;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of the tool a team moves from, read-only: JSON GETs with its authorization header, waiting as told when
 * it answers 429 (rate limited) and trying again.
 */
final class SourceApi {

    private static final int ATTEMPTS = 6;
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String source;
    private final URI base;
    private final Map<String, String> headers;

    SourceApi(String source, String baseUrl, Map<String, String> headers) {
        this.source = source;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.headers = headers;
    }

    /** The answer to GET {@code path} (relative to the API's address, or a full URL as a "next page" link gives). */
    JsonNode get(String path) {
        URI uri = path.startsWith("http") ? URI.create(path) : base.resolve(path.startsWith("/") ? path.substring(1) : path);
        return json.readTree(body(uri, headers));
    }

    /**
     * The text at {@code url} (e.g. a calendar feed the source names), fetched without the source's authorization:
     * that address is another host's, and the token must not go there.
     */
    String feed(String url) {
        return body(URI.create(url), Map.of());
    }

    private String body(URI uri, Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
            headers.forEach(request::header);
            HttpResponse<String> response = send(request.build());
            int status = response.statusCode();
            if (status == 429 && attempt < ATTEMPTS) {
                pause(retryAfter(response));
                continue;
            }
            if ((status == 401 || status == 403) && !headers.isEmpty()) {
                throw new ApiRefused(source + " refused the token (" + status + ") for GET " + uri + ": pass a token"
                        + " that may read the account with --api-token");
            }
            if (status >= 300) {
                throw new ApiRefused((headers.isEmpty() ? uri.getHost() : source) + " answered " + status + " to GET " + uri + ": " + response.body());
            }
            return response.body();
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiRefused("GET " + request.uri() + ": " + e.getMessage() + " (is --api-url " + source
                    + "'s API address?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiRefused("GET " + request.uri() + ": interrupted");
        }
    }

    /** Retry-After in seconds or as an HTTP date; a sensible wait when it is absent. */
    private static Duration retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return DEFAULT_WAIT;
        }
        try {
            Duration wait = Duration.ofSeconds(Long.parseLong(value.trim()));
            return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        } catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
            } catch (RuntimeException unparsable) {
                return DEFAULT_WAIT;
            }
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiRefused("interrupted while waiting out the source's rate limit");
        }
    }
}
