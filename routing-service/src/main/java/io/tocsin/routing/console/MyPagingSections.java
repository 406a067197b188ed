package io.tocsin.routing.console;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.schedule.CalendarFeeds;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.NotificationRule;
import io.tocsin.routing.user.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestAttribute;

/**
 * What {@code /ui/me} shows of a person's paging: the incidents that paged them, their calendar feed and their
 * notification rules. Read as the page is drawn, so a page drawn after an action shows what it changed.
 */
@ControllerAdvice(assignableTypes = {MePages.class, MyPagingPages.class})
class MyPagingSections {

    /** How long a resolved incident stays in the person's list. */
    static final Duration RESOLVED_SHOWN = Duration.ofDays(7);
    private static final int LISTED = 50;

    private final Incidents incidents;
    private final Services services;
    private final CalendarFeeds feeds;
    private final Users users;
    private final Clock clock;

    MyPagingSections(Incidents incidents, Services services, CalendarFeeds feeds, Users users, Clock clock) {
        this.incidents = incidents;
        this.services = services;
        this.feeds = feeds;
        this.users = users;
        this.clock = clock;
    }

    @ModelAttribute("mine")
    Mine mine(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return new Mine(caller.userId());
    }

    /** The signed-in person's paging, each part read when the template asks for it. */
    final class Mine {

        private final UUID userId;

        private Mine(UUID userId) {
            this.userId = userId;
        }

        /** The incidents that paged them: open ones, and those resolved in the last week. */
        public List<Incident> incidents() {
            return incidents.pagedTo(userId, clock.instant().minus(RESOLVED_SHOWN), LISTED);
        }

        public Map<UUID, String> serviceNames() {
            return services.list(null).stream().collect(Collectors.toMap(Service::id, Service::name, (a, b) -> a));
        }

        /** When their calendar feed's link was made; null if they have none. */
        public Instant feedMadeAt() {
            return feeds.madeAt(CalendarFeeds.Feed.ofUser(userId)).orElse(null);
        }

        public List<NotificationRule> rules() {
            return users.rules(userId, null);
        }

        public List<ContactMethod> contactMethods() {
            return users.contactMethods(userId);
        }

        public Urgency[] urgencies() {
            return Urgency.values();
        }
    }
}
