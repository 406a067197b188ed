package io.tocsin.routing.schedule;

import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.schedule.CalendarFeeds.Feed;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * iCalendar feeds of shifts behind secret, revocable URLs. Making and revoking one needs the admin API's
 * token; reading one needs only the URL ({@code /feeds/} is outside {@code /api/}, where bearer tokens are
 * checked), because calendar apps cannot send a bearer token.
 */
@RestController
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final CalendarFeeds feeds;
    private final Schedules schedules;
    private final Users users;
    private final Clock clock;

    CalendarFeedController(CalendarFeeds feeds, Schedules schedules, Users users, Clock clock) {
        this.feeds = feeds;
        this.schedules = schedules;
        this.users = users;
        this.clock = clock;
    }

    /** The feed's URL: shown once, as only its hash is stored. */
    record FeedCreated(URI url) {
    }

    @PostMapping("/api/v1/schedules/{id}/feed")
    ResponseEntity<FeedCreated> createScheduleFeed(@PathVariable UUID id) {
        if (!schedules.exists(id)) {
            throw new NotFound("No schedule has id " + id);
        }
        return created(new Feed(id, null));
    }

    @PostMapping("/api/v1/users/{id}/feed")
    ResponseEntity<FeedCreated> createUserFeed(@PathVariable UUID id) {
        if (users.find(id).isEmpty()) {
            throw new NotFound("No user has id " + id);
        }
        return created(Feed.ofUser(id));
    }

    @DeleteMapping("/api/v1/schedules/{id}/feed")
    ResponseEntity<Void> revokeScheduleFeed(@PathVariable UUID id) {
        return revoke(new Feed(id, null), "Schedule " + id);
    }

    @DeleteMapping("/api/v1/users/{id}/feed")
    ResponseEntity<Void> revokeUserFeed(@PathVariable UUID id) {
        return revoke(Feed.ofUser(id), "User " + id);
    }

    /**
     * The calendar: shifts from the start of the day (UTC) a week ago to the end of the 60th day ahead. The window
     * and the DTSTAMP move once a day, not on every fetch, so that a calendar app polling the feed sees the same
     * calendar all day unless the schedule changed.
     */
    @GetMapping("/feeds/{token}.ics")
    ResponseEntity<String> calendar(@PathVariable String token) {
        Feed feed = feeds.find(token).orElseThrow(() -> new NotFound(
                "This calendar feed does not exist: it was revoked or replaced. Make a new link to your own shifts on"
                + " your page (/ui/me); ask an admin for a schedule's."));
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        Instant from = today.minus(UserOnCallController.BEHIND);
        Instant to = today.plus(UserOnCallController.AHEAD).plus(Duration.ofDays(1));
        List<ShiftCalendar.Event> events = new ArrayList<>();
        String name;
        if (feed.scheduleId() != null) {
            Schedule schedule = schedules.find(feed.scheduleId(), from).orElseThrow(() -> new NotFound(
                    "The schedule of this calendar feed was deleted."));
            name = schedule.name();
            NamedShift.of(schedule.shifts(from, to), users).forEach(shift -> events.add(
                    new ShiftCalendar.Event(schedule, shift, shift.userName())));
        } else {
            name = users.find(feed.userId()).map(User::name).orElse("") + " on call";
            for (Schedule schedule : schedules.all(from)) {
                NamedShift.of(schedule.shifts(from, to).stream().filter(shift -> shift.userId().equals(feed.userId()))
                        .toList(), users).forEach(shift -> events.add(new ShiftCalendar.Event(schedule, shift,
                        schedule.name())));
            }
        }
        return ResponseEntity.ok().contentType(TEXT_CALENDAR).body(ShiftCalendar.write(name, events, today));
    }

    private ResponseEntity<FeedCreated> created(Feed feed) {
        return ResponseEntity.status(201).body(new FeedCreated(feeds.make(feed)));
    }

    private ResponseEntity<Void> revoke(Feed feed, String owner) {
        if (!feeds.revoke(feed)) {
            throw new NotFound(owner + " has no calendar feed");
        }
        return ResponseEntity.noContent().build();
    }
}
