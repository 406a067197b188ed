package io.tocsin.routing.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The web console's sign-in: how long a session lasts before its browser must sign in again. */
@ConfigurationProperties("tocsin.console")
record ConsoleProperties(@DefaultValue("PT12H") Duration sessionLifetime) {
}
