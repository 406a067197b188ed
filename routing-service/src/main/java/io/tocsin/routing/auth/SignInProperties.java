package io.tocsin.routing.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing in with a password: how long an invitation link lasts, and how many failed attempts an account, or an
 * address, may make within the window before it must wait.
 */
@ConfigurationProperties("tocsin.sign-in")
record SignInProperties(@DefaultValue("P7D") Duration invitationLifetime,
        @DefaultValue("5") int failuresPerAccount, @DefaultValue("20") int failuresPerAddress,
        @DefaultValue("PT15M") Duration failureWindow) {
}
