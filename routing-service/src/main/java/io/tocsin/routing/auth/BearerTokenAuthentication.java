package io.tocsin.routing.auth;

import io.tocsin.routing.api.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every /api/ request needs {@code Authorization: Bearer <token>} with a token Tocsin issued and a role allowed to
 * send it. The actuator is not here: it listens on the management port, which is on loopback unless opened.
 */
@Configuration(proxyBeanMethods = false)
public class BearerTokenAuthentication implements WebMvcConfigurer, HandlerInterceptor {

    private static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;
    private final Access access;
    private final JsonMapper json;

    BearerTokenAuthentication(ApiTokens tokens, Access access, JsonMapper json) {
        this.tokens = tokens;
        this.access = access;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return reject(response, "Send the header 'Authorization: Bearer <API token>'.");
        }
        Optional<Caller> caller = tokens.authenticate(header.substring(PREFIX.length()).trim());
        if (caller.isEmpty()) {
            return reject(response, "The API token is not valid: it may have been revoked or mistyped.");
        }
        Optional<String> refusal = access.refusal(caller.get(), request.getMethod(), path(request));
        if (refusal.isPresent()) {
            return refuse(response, HttpStatus.FORBIDDEN, "Forbidden", refusal.get());
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        return true;
    }

    /** The path as the container decoded and normalized it (no "..", no ";params"), as handlers are mapped by. */
    static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    private boolean reject(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tocsin\"");
        return refuse(response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    private boolean refuse(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
        return false;
    }
}
