package io.tocsin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin REST API over real HTTP, as an admin's script calls it with the admin token. */
@Component
public class AdminApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Environment environment;

    AdminApi(Environment environment) {
        this.environment = environment;
    }

    /** The port is known only once the server runs, after this bean was made. */
    public String url(String path) {
        return "http://localhost:" + environment.getRequiredProperty("local.server.port") + path;
    }

    public HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(RoutingIntegrationTest.ADMIN_TOKEN, method, path, body);
    }

    /** The call made with another API token. */
    public HttpResponse<String> call(String token, String method, String path, String body) throws Exception {
        return call(token, method, path, body, new String[0]);
    }

    /** The call made only if the resource's ETag is still {@code etag} (If-Match). */
    public HttpResponse<String> callIfMatch(String method, String path, String body, String etag) throws Exception {
        return call(RoutingIntegrationTest.ADMIN_TOKEN, method, path, body, new String[] {"If-Match", etag});
    }

    private HttpResponse<String> call(String token, String method, String path, String body, String[] headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's JSON, once it is asserted to have this status. */
    public static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
