package io.tocsin.cli.api;

import picocli.CommandLine.Option;

/** The options every command that talks to Tocsin takes: where routing answers, and an admin token. */
public class Connection {

    @Option(names = "--url", defaultValue = "${env:TOCSIN_URL:-http://localhost:8081}",
            description = "routing's address (default: TOCSIN_URL, else ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--token", defaultValue = "${env:TOCSIN_TOKEN}", description = "an admin API token (default: TOCSIN_TOKEN)")
    String token;

    public AdminApi api() {
        if (token == null || token.isBlank()) {
            throw new ApiRefused("No admin token: pass --token or set TOCSIN_TOKEN (an ADMIN API token, or"
                    + " TOCSIN_ADMIN_TOKEN of routing)");
        }
        return new AdminApi(url, token);
    }
}
