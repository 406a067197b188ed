package io.tocsin.routing.auth;

import io.tocsin.contracts.SecretHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin can get in: the token in {@code TOCSIN_ADMIN_TOKEN} is accepted; without it,
 * a first start generates one and prints it once on standard output (never to the log).
 */
@Component
class AdminTokenBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

    private final ApiTokens tokens;
    private final String configured;

    AdminTokenBootstrap(ApiTokens tokens, @Value("${tocsin.admin-token:}") String configured) {
        this.tokens = tokens;
        this.configured = configured;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!configured.isBlank()) {
            if (tokens.add("admin", configured)) {
                log.info("admin API token from TOCSIN_ADMIN_TOKEN registered");
            }
            return;
        }
        if (!tokens.any()) {
            String token = SecretHash.generate();
            tokens.add("admin", token);
            System.out.println("Tocsin admin API token (shown once; set TOCSIN_ADMIN_TOKEN to choose your own): " + token);
        }
    }
}
