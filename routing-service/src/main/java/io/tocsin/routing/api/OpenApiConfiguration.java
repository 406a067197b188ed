package io.tocsin.routing.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Locale;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/** The admin API's description at /v3/api-docs: every operation wants the bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** The version of the API's paths (/api/v1/), not of the build: clients generated for it stay valid. */
    static final String API_VERSION = "v1";

    static {
        // an audit entry's before and after are any JSON document, not the getters of Jackson's JsonNode class
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new Schema<>().description("any JSON value"));
    }

    @Bean
    OpenAPI tocsinAdminApi() {
        return new OpenAPI()
                .info(new Info().title("Tocsin admin API").version(API_VERSION)
                        .description("Users, schedules, escalation policies, services, integrations and incidents."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSchemas(OperationResponses.PROBLEM, OperationResponses.problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Documents what each operation really answers: its success status and body, and its problem details. */
    @Bean
    OperationCustomizer realResponses() {
        return OperationResponses::describe;
    }

    /**
     * Names and sums up the operations no {@code @Operation} describes ("scheduleAddOverride", "Add override
     * (schedules)"), so that clients generated from the description never get springdoc's {@code get_1}.
     */
    @Bean
    OperationCustomizer undescribedOperations() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class)) {
                return operation;
            }
            String resource = handler.getBeanType().getSimpleName().replace("Controller", "");
            String method = handler.getMethod().getName();
            operation.setOperationId(Character.toLowerCase(resource.charAt(0)) + resource.substring(1)
                    + Character.toUpperCase(method.charAt(0)) + method.substring(1));
            if (operation.getSummary() == null) {
                String words = method.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
                operation.setSummary(Character.toUpperCase(words.charAt(0)) + words.substring(1) + " ("
                        + resource.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + "s)");
            }
            return operation;
        };
    }
}
