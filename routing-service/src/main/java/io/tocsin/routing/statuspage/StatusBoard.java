package io.tocsin.routing.statuspage;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the public status pages serve: the last state read from the database, refreshed every few seconds. Readers
 * never touch the database, so the pages keep answering (with the last known state and its time) while it is
 * unreachable — when customers most need them.
 */
@Component
class StatusBoard {

    private static final Logger log = LoggerFactory.getLogger(StatusBoard.class);

    private final Function<Instant, Map<String, StatusView>> source;
    private final Clock clock;
    /** Null until the first read succeeded. */
    private final AtomicReference<Map<String, StatusView>> lastGood = new AtomicReference<>();
    private volatile boolean failing;

    @Autowired
    StatusBoard(StatusPages pages, Clock clock) {
        this(pages::views, clock);
    }

    /** With any source of views: a test's stands in for a database that stops answering. */
    StatusBoard(Function<Instant, Map<String, StatusView>> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** Reads every page anew; on a database failure keeps serving what it had, saying so once in the log. */
    @Scheduled(initialDelayString = "PT0S", fixedDelayString = "${tocsin.status-page.refresh:PT5S}")
    void refresh() {
        try {
            lastGood.set(Map.copyOf(source.apply(clock.instant())));
            if (failing) {
                failing = false;
                log.info("status pages refreshed again from the database");
            }
        } catch (DataAccessException e) {
            if (!failing) {
                failing = true;
                log.warn("status pages keep their last known state: the database did not answer ({})", e.toString());
            }
        }
    }

    /** Whether any state is known yet: before the first successful read a page cannot be served. */
    boolean known() {
        return lastGood.get() != null;
    }

    Optional<StatusView> page(String slug) {
        Map<String, StatusView> views = lastGood.get();
        return views == null ? Optional.empty() : Optional.ofNullable(views.get(slug));
    }
}
