package io.tocsin.routing.statuspage;

import io.tocsin.routing.api.NotFound;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Posting updates to status pages, alike from the API and the console; and every page as its readers see it now. */
@Component
public class StatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdates.class);

    /** What a responder posts: the body of POST /api/v1/status-pages/{id}/updates and the console's form. */
    public record UpdateSpec(@NotBlank @Size(max = 5000) String message) {
    }

    private final StatusPages pages;
    private final StatusBoard board;
    private final Clock clock;

    StatusUpdates(StatusPages pages, StatusBoard board, Clock clock) {
        this.pages = pages;
        this.board = board;
        this.clock = clock;
    }

    /** Every status page as its readers see it now, read from the database (not the board's last copy). */
    public List<StatusView> views() {
        return List.copyOf(pages.views(clock.instant()).values());
    }

    /** Posts the (validated) update; the public page shows it from the next refresh, which this starts at once. */
    @Transactional
    public StatusUpdate post(UUID pageId, String postedBy, UpdateSpec spec) {
        find(pageId);
        StatusUpdate update = pages.post(pageId, postedBy, spec.message().strip(), clock.instant());
        board.refresh();
        log.info("status page={} update={} posted by={}", pageId, update.id(), postedBy);
        return update;
    }

    StatusPage find(UUID id) {
        return pages.find(id).orElseThrow(() -> notFound(id));
    }

    /** What the API answers for a status page that is not there. */
    static NotFound notFound(UUID id) {
        return new NotFound("No status page has id " + id);
    }
}
