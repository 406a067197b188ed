package io.tocsin.routing.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

/**
 * The identity provider, read from its discovery document on the first sign-in rather than at start: a pager must
 * start while the identity provider is down. A failed read is tried again with the next sign-in.
 */
@Component
class OidcRegistrations implements ClientRegistrationRepository {

    static final String ID = "oidc";
    static final String AUTHORIZE = SecurityConfiguration.SIGN_IN + "/oidc";
    static final String CALLBACK = SecurityConfiguration.SIGN_IN + "/oidc/callback";

    private static final Logger log = LoggerFactory.getLogger(OidcRegistrations.class);

    private final OidcProperties properties;
    private volatile ClientRegistration registration;

    OidcRegistrations(OidcProperties properties) {
        this.properties = properties;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!properties.enabled() || !ID.equals(registrationId)) {
            return null;
        }
        if (registration == null) {
            registration = ClientRegistrations.fromIssuerLocation(properties.issuer())
                    .registrationId(ID)
                    .clientId(properties.clientId())
                    .clientSecret(properties.clientSecret())
                    // without openid no id_token comes back; email is what people are matched by
                    .scope("openid", "email", "profile")
                    .redirectUri("{baseUrl}" + CALLBACK + "/{registrationId}")
                    .build();
            log.info("oidc issuer={} read, client={}", properties.issuer(), properties.clientId());
        }
        return registration;
    }
}
