package io.tocsin.routing.api;

import io.tocsin.contracts.SecretHash;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Optimistic concurrency for the admin API: a resource's ETag is a hash of its JSON as the API shows it, so any
 * change to what a client read changes it; a PUT or DELETE with {@code If-Match} naming an older one gets a 412.
 */
@Component
public class ETags {

    private final JsonMapper json;
    private final JdbcClient jdbc;

    ETags(JsonMapper json, JdbcClient jdbc) {
        this.json = json;
        this.jdbc = jdbc;
    }

    /** The strong ETag of the representation, quoted as the header wants it. */
    public String of(Object representation) {
        return "\"" + SecretHash.of(json.writeValueAsString(representation)).substring(0, 32) + "\"";
    }

    /**
     * The resource as it is now, once no other write to it can come in between (until the transaction ends), if
     * {@code ifMatch} (may be null: unconditional) names its current ETag; else a 412 saying what to do.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> Optional<T> current(String what, Object id, String ifMatch, Supplier<Optional<T>> read) {
        // every write through the API to this resource takes the lock before reading it: checks and writes queue up
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:id, 0))").param("id", id.toString())
                .query((rs, n) -> true).single();
        Optional<T> current = read.get();
        if (ifMatch != null && current.isPresent()) {
            String etag = of(current.get());
            boolean matches = Arrays.stream(ifMatch.split(",")).map(String::trim)
                    .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
            if (!matches) {
                throw new PreconditionFailed("The " + what + " " + id + " changed since you read it (its ETag is now "
                        + etag + "): GET it again, check your change still makes sense, and send it with the new"
                        + " ETag in If-Match.", etag);
            }
        }
        return current;
    }
}
