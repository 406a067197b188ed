package io.tocsin.routing.statuspage;

import java.time.Instant;
import java.util.UUID;

/** What a responder told the readers of a status page ("We are investigating…"), and when. */
public record StatusUpdate(UUID id, UUID statusPageId, Instant postedAt, String postedBy, String message) {
}
