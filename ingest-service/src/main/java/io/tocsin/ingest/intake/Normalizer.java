package io.tocsin.ingest.intake;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.integration.KnownIntegration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one integration type's payload into alerts. One subclass per type, each a Spring bean in the type's own
 * package; {@link Intake} does everything around it (reading, authenticating, limiting, publishing).
 */
public abstract class Normalizer {

    private final IntegrationType type;
    private final Set<BodyFormat> formats;

    /** @param formats the body formats this type's monitors send; anything else is answered 415 */
    protected Normalizer(IntegrationType type, BodyFormat format, BodyFormat... moreFormats) {
        this.type = type;
        this.formats = Set.copyOf(EnumSet.of(format, moreFormats));
    }

    public final IntegrationType type() {
        return type;
    }

    public final Set<BodyFormat> formats() {
        return formats;
    }

    /**
     * The alerts this payload asks for, possibly none (a test notification); throws {@link InvalidPayload} naming
     * every problem when the payload is not a usable event of this type.
     */
    public abstract List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt);
}
