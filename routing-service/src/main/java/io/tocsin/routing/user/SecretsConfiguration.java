package io.tocsin.routing.user;

import io.tocsin.contracts.SealedSecrets;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Seals the access tokens of PUSH contact methods with TOCSIN_SECRET_KEYS (the notifier opens them). */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    SealedSecrets sealedSecrets(@Value("${tocsin.secret-keys:}") List<String> keys) {
        return new SealedSecrets(keys);
    }
}
