package io.tocsin.routing.api;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The admin API's OpenAPI description is valid, says what the server answers, and a client generated from it (Java,
 * openapi-generator's java.net.http library) sets up a user, a policy and a service.
 */
@RoutingIntegrationTest
class OpenApiClientIntegrationTest {

    private static final Path WORK = Path.of("target", "openapi-client");

    @Autowired
    AdminApi api;

    @Test
    void theDescriptionPassesAnOpenApiValidator() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(description(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getInfo().getVersion()).isEqualTo("v1");
    }

    @Test
    void eachOperationDocumentsItsRealStatusAndItsProblems() throws Exception {
        JsonNode paths = ok(docs(), 200).path("paths");

        JsonNode create = paths.path("/api/v1/users").path("post").path("responses");
        assertThat(create.propertyNames()).contains("201", "400", "401", "403", "409").doesNotContain("200");
        assertThat(create.path("201").path("content").propertyNames()).containsExactly("application/json");
        assertThat(create.path("400").path("content").path("application/problem+json").path("schema").path("$ref")
                .asString()).isEqualTo("#/components/schemas/Problem");
        JsonNode delete = paths.path("/api/v1/users/{id}").path("delete").path("responses");
        assertThat(delete.propertyNames()).contains("204", "404", "412").doesNotContain("200");
        assertThat(delete.path("204").has("content")).isFalse();
        JsonNode read = paths.path("/api/v1/users/{id}").path("get").path("responses");
        assertThat(read.propertyNames()).contains("200", "404").doesNotContain("409");
        // and the server answers what is documented
        ok(api.call("POST", "/api/v1/users", "{\"name\":\"Documented\"}"), 201);
    }

    @Test
    void aGeneratedClientCreatesAUserAPolicyAndAService() throws Exception {
        // a class left from an earlier description would be compiled with this one
        FileSystemUtils.deleteRecursively(WORK);
        Path spec = Files.createDirectories(WORK).resolve("tocsin-admin-api.json");
        Files.writeString(spec, description());
        Path sources = WORK.resolve("generated");
        CodegenConfigurator generator = new CodegenConfigurator()
                .setGeneratorName("java")
                .setLibrary("native")
                .setInputSpec(spec.toString())
                .setOutputDir(sources.toString())
                .setInvokerPackage("tocsin.client")
                .setApiPackage("tocsin.client.api")
                .setModelPackage("tocsin.client.model")
                .addAdditionalProperty("openApiNullable", false)
                .addAdditionalProperty("useJakartaEe", true)
                .addAdditionalProperty("hideGenerationTimestamp", true)
                // the generator's query-string helper does not compile for sets of enums (restriction days); the
                // client sends JSON bodies, never models as query strings
                .addAdditionalProperty("supportUrlQuery", false);
        DefaultGenerator codegen = new DefaultGenerator();
        for (String skipped : List.of(CodegenConstants.API_TESTS, CodegenConstants.MODEL_TESTS,
                CodegenConstants.API_DOCS, CodegenConstants.MODEL_DOCS)) {
            codegen.setGeneratorPropertyDefault(skipped, "false");
        }
        codegen.opts(generator.toClientOptInput()).generate();

        try (URLClassLoader client = compile(sources.resolve("src/main/java"), WORK.resolve("classes"))) {
            Object apiClient = client.loadClass("tocsin.client.ApiClient").getConstructor().newInstance();
            apiClient.getClass().getMethod("updateBaseUri", String.class).invoke(apiClient, api.url(""));
            Consumer<HttpRequest.Builder> bearer =
                    request -> request.header("Authorization", "Bearer " + RoutingIntegrationTest.ADMIN_TOKEN);
            apiClient.getClass().getMethod("setRequestInterceptor", Consumer.class).invoke(apiClient, bearer);
            ObjectMapper json = (ObjectMapper) apiClient.getClass().getMethod("getObjectMapper").invoke(apiClient);
            Operations operations = new Operations(client, apiClient, json);

            String user = operations.call("createUser", "{\"name\":\"Generated Gwen\"}").get("id").asText();
            String policy = operations.call("createEscalationPolicy", """
                    {"name":"Generated policy","levels":[{"delay":"PT5M","targets":[{"type":"USER","id":"%s"}]}]}
                    """.formatted(user)).get("id").asText();
            com.fasterxml.jackson.databind.JsonNode service = operations.call("createService",
                    "{\"name\":\"Generated service\",\"escalationPolicyId\":\"" + policy + "\"}");

            assertThat(user).isNotBlank();
            assertThat(service.get("escalationPolicyId").asText()).isEqualTo(policy);
            assertThat(ok(api.call("GET", "/api/v1/services/" + service.get("id").asText(), null), 200)
                    .path("name").asString()).isEqualTo("Generated service");
        }
    }

    /** The generated API classes' operations, called with a JSON body as their one argument. */
    private record Operations(ClassLoader client, Object apiClient, ObjectMapper json) {

        com.fasterxml.jackson.databind.JsonNode call(String operationId, String body) throws Exception {
            Method operation = apiClasses()
                    .flatMap(api -> Stream.of(api.getMethods()))
                    .filter(method -> method.getName().equals(operationId) && method.getParameterCount() == 1)
                    .findFirst().orElseThrow(() -> new AssertionError("no generated method " + operationId));
            Object api = operation.getDeclaringClass().getConstructor(apiClient.getClass()).newInstance(apiClient);
            try {
                Object result = operation.invoke(api, json.readValue(body, operation.getParameterTypes()[0]));
                assertThat(result).as("what %s returned", operationId).isNotNull();
                return json.valueToTree(result);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception failure ? failure : e;
            }
        }

        private Stream<Class<?>> apiClasses() throws Exception {
            try (Stream<Path> files = Files.list(WORK.resolve("classes/tocsin/client/api"))) {
                List<String> names = files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith("Api.class"))
                        .map(name -> "tocsin.client.api." + name.substring(0, name.length() - ".class".length()))
                        .toList();
                return names.stream().map(name -> {
                    try {
                        return client.loadClass(name);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }

    private static URLClassLoader compile(Path sources, Path classes) throws Exception {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).map(Path::toString).toList();
        }
        Files.createDirectories(classes);
        // surefire starts the tests through a manifest-only jar; it names the real classpath here
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = Stream.concat(Stream.of("-d", classes.toString(), "-classpath", classpath,
                "-proc:none", "-nowarn", "-Xlint:none"), files.stream()).toList();
        assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac of the generated client")
                .isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, OpenApiClientIntegrationTest.class.getClassLoader());
    }

    @Test
    void theAlertsOfAnIncidentAndHowAServiceGroupsThemAreDescribed() throws Exception {
        JsonNode description = ok(docs(), 200);
        JsonNode alerts = description.path("paths").path("/api/v1/incidents/{id}/alerts").path("get");
        assertThat(alerts.path("operationId").asString()).isEqualTo("listIncidentAlerts");
        assertThat(alerts.path("description").asString()).contains("triggerCount");
        JsonNode schemas = description.path("components").path("schemas");
        assertThat(schemas.path("Alert").path("properties").path("triggerCount").path("description").asString())
                .isNotBlank();
        assertThat(schemas.path("AlertGrouping").path("description").asString()).contains("CONTENT");
        assertThat(schemas.path("StormGuard").path("description").asString()).contains("storm incident");
        assertThat(schemas.path("ServiceSpec").path("properties").path("resolveWhen").path("description").asString())
                .contains("FIRST_RESOLVE");
    }

    @Test
    void anIntegrationsEventRulesAndTryingThemAreDescribed() throws Exception {
        JsonNode description = ok(docs(), 200);
        JsonNode rules = description.path("paths").path("/api/v1/services/{serviceId}/integrations/{integrationId}/rules");
        assertThat(rules.path("get").path("operationId").asString()).isEqualTo("getEventRules");
        assertThat(rules.path("put").path("operationId").asString()).isEqualTo("replaceEventRules");
        assertThat(rules.path("put").path("description").asString()).contains("400", "line and column");
        JsonNode trying = description.path("paths")
                .path("/api/v1/services/{serviceId}/integrations/{integrationId}/rules/test").path("post");
        assertThat(trying.path("operationId").asString()).isEqualTo("testEventRules");
        assertThat(trying.path("description").asString()).contains("normalizes");
        JsonNode schemas = description.path("components").path("schemas");
        assertThat(schemas.path("EventRule").path("properties").path("when").path("description").asString())
                .contains("CEL");
        assertThat(schemas.path("EventRule").path("properties").propertyNames()).contains("when", "then", "continue");
        assertThat(schemas.path("Actions").path("properties").propertyNames())
                .contains("routeTo", "urgency", "severity", "suppress", "dedupKey", "drop");
        assertThat(schemas.path("RuleTestResult").path("properties").propertyNames())
                .contains("matched", "dropped", "alert", "errors");
    }

    private String description() throws Exception {
        return ok(docs(), 200).toString();
    }

    private HttpResponse<String> docs() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url("/v3/api-docs"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
