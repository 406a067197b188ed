package io.tocsin.testkit;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * A real OIDC provider for sign-in tests: Spring Authorization Server on a port of its own, with its login form, people
 * whose ID tokens carry a verified email and a {@code groups} claim, and one confidential client that must use PKCE.
 * The client's redirect URI is asked for when the client is looked up, so the relying party may start after this.
 */
public final class FakeIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "tocsin";
    public static final String CLIENT_SECRET = "tocsin-client-secret";

    /** Someone who can sign in at the provider's login form. */
    public record Person(String username, String password, String name, String email, List<String> groups) {
    }

    private final ConfigurableApplicationContext context;

    private FakeIdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the provider on a free port with these people; {@code redirectUri} is the client's callback. */
    public static FakeIdentityProvider start(Supplier<String> redirectUri, Person... people) {
        return new FakeIdentityProvider(new SpringApplicationBuilder(Provider.class)
                .web(WebApplicationType.SERVLET)
                .initializers(context -> ((org.springframework.context.support.GenericApplicationContext) context)
                        .registerBean(Setup.class, () -> new Setup(redirectUri, List.of(people))))
                .properties("server.port=0", "spring.config.name=fake-identity-provider", "spring.main.banner-mode=off",
                        "spring.main.register-shutdown-hook=false")
                .run());
    }

    /** The issuer, as relying parties are configured with it (its discovery document is under it). */
    public String issuer() {
        return "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    @Override
    public void close() {
        context.close();
    }

    record Setup(Supplier<String> redirectUri, List<Person> people) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) {
            OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
            return http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginForm(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService people(Setup setup) {
            return new InMemoryUserDetailsManager(setup.people().stream()
                    .map(person -> User.withUsername(person.username()).password("{noop}" + person.password())
                            .roles("USER").build())
                    .toList());
        }

        /** The client, built at each look-up so that its redirect URI may be known only after this started. */
        @Bean
        RegisteredClientRepository clients(Setup setup) {
            return new RegisteredClientRepository() {
                private final String id = UUID.randomUUID().toString();

                /** The client is fixed: the server saves it back after authenticating it, which changes nothing here. */
                @Override
                public void save(RegisteredClient client) {
                }

                @Override
                public RegisteredClient findById(String id) {
                    return this.id.equals(id) ? client() : null;
                }

                @Override
                public RegisteredClient findByClientId(String clientId) {
                    return CLIENT_ID.equals(clientId) ? client() : null;
                }

                private RegisteredClient client() {
                    return RegisteredClient.withId(id)
                            .clientId(CLIENT_ID)
                            .clientSecret("{noop}" + CLIENT_SECRET)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri(setup.redirectUri().get())
                            .scope(OidcScopes.OPENID).scope(OidcScopes.EMAIL).scope(OidcScopes.PROFILE)
                            .clientSettings(ClientSettings.builder().requireProofKey(true)
                                    .requireAuthorizationConsent(false).build())
                            .build();
                }
            };
        }

        /** What the relying party reads from the ID token: a verified email address, a name, the groups. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims(Setup setup) {
            Map<String, Person> byUsername = setup.people().stream()
                    .collect(Collectors.toMap(Person::username, Function.identity()));
            return context -> {
                Person person = byUsername.get(context.getPrincipal().getName());
                if (person != null && "id_token".equals(context.getTokenType().getValue())) {
                    context.getClaims().claim("email", person.email()).claim("email_verified", true)
                            .claim("name", person.name()).claim("groups", person.groups());
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
