package io.tocsin.cli.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Routing's admin REST API as the command line calls it: JSON over HTTP with an admin token. */
public class AdminApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI base;
    private final String token;

    public AdminApi(String url, String token) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = token;
    }

    /** A resource with the ETag it had when read, for an update with If-Match. */
    public record Read(JsonNode body, String etag) {
    }

    public JsonNode get(String path) {
        return send("GET", path, null, null).body();
    }

    public Read read(String path) {
        return send("GET", path, null, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body, null).body();
    }

    /** A PUT that the API refuses (412) if the resource changed since {@code etag} was read. */
    public JsonNode put(String path, String etag, Object body) {
        return send("PUT", path, body, etag).body();
    }

    public void delete(String path, String etag) {
        send("DELETE", path, null, etag);
    }

    private Read send(String method, String path, Object body, String etag) {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (etag != null) {
            request.header("If-Match", etag);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiRefused(method + " " + uri + ": nothing answers there. Is routing running, and is --url"
                    + " (or TOCSIN_URL) its address?");
        } catch (IOException e) {
            throw new ApiRefused(method + " " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiRefused(method + " " + uri + ": interrupted");
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new ApiRefused(method + " " + uri + ": the token was refused (401): pass an admin token with --token"
                    + " or TOCSIN_TOKEN");
        }
        if (status >= 300) {
            throw new ApiRefused(method + " " + uri + " answered " + status + ": " + problem(response.body()));
        }
        JsonNode answer = response.body().isBlank() ? json.missingNode() : json.readTree(response.body());
        return new Read(answer, response.headers().firstValue("ETag").orElse(null));
    }

    /** The problem detail's sentence meant for a person, else the body as it came. */
    private String problem(String body) {
        try {
            JsonNode problem = json.readTree(body);
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asString();
            }
        } catch (RuntimeException e) {
            // not JSON: the body itself is the best there is
        }
        return body;
    }
}
