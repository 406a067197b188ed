package io.tocsin.routing.console;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.Browser;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.policy.EscalationPolicy;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** An admin reading schedules as a calendar, and services, policies and users, in a real browser. */
@RoutingIntegrationTest
class ScheduleAndDirectoryBrowserIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;

    @RegisterExtension
    final Browser browser = new Browser();

    @BeforeEach
    void signIn() {
        ConsoleBrowserIntegrationTest.signIn(browser, api, RoutingIntegrationTest.ADMIN_TOKEN);
    }

    private List<String> shiftsOn(String day) {
        WebElement cell = browser.await(presenceOfElementLocated(By.cssSelector("[data-day='" + day + "']")));
        return cell.findElements(By.className("shift")).stream().map(WebElement::getText).toList();
    }

    /**
     * A schedule with daily hand-overs at 02:30 New York time between {@code first} and {@code second}, from 6 March
     * 2026; on 8 March 02:30 does not exist, so {@code first} takes over at 03:00 EDT.
     */
    static String newYorkNights(AdminApi api, User first, User second) throws Exception {
        return AdminApi.ok(api.call("POST", "/api/v1/schedules", """
                {"name": "New York nights", "timeZone": "America/New_York", "rotations": [{"name": "daily",
                 "start": "2026-03-06T02:30", "shiftLength": 1, "shiftUnit": "DAYS",
                 "participants": ["%s", "%s"]}]}""".formatted(first.id(), second.id())), 201).get("id").asString();
    }

    @Test
    void theCalendarShowsWhoIsOnCallAroundTheNightNewYorkSpringsForward() throws Exception {
        User ann = onCall.responder("Ann");
        User ben = onCall.responder("Ben");
        String id = newYorkNights(api, ann, ben);

        browser.get(api.url("/ui/schedules/" + id + "?week=2026-03-08"));

        assertThat(shiftsOn("2026-03-07")).containsExactly("00:00–02:30 " + ann.name(), "02:30–24:00 " + ben.name());
        assertThat(shiftsOn("2026-03-08")).containsExactly("00:00–03:00 " + ben.name(), "03:00–24:00 " + ann.name());

        // Ben covers three hours of Ann's Sunday, picked in the form in New York time
        new Select(browser.driver().findElement(By.id("override-user"))).selectByVisibleText(ben.name());
        new Select(browser.driver().findElement(By.id("override-replaces"))).selectByVisibleText(ann.name());
        setValue("override-from", "2026-03-08T09:00");
        setValue("override-until", "2026-03-08T12:00");
        browser.driver().findElement(By.id("add-override")).click();

        browser.await(presenceOfElementLocated(By.cssSelector("[data-day='2026-03-08'] .shift.override")));
        assertThat(shiftsOn("2026-03-08")).containsExactly("00:00–03:00 " + ben.name(), "03:00–09:00 " + ann.name(),
                "09:00–12:00 " + ben.name(), "12:00–24:00 " + ann.name());
        browser.screenshot("schedule-calendar");

        browser.driver().findElement(By.id("month-view")).click();
        browser.await(presenceOfElementLocated(By.id("week-view")));
        assertThat(shiftsOn("2026-03-08")).containsExactly("00:00–03:00 " + ben.name(), "03:00–09:00 " + ann.name(),
                "09:00–12:00 " + ben.name(), "12:00–24:00 " + ann.name());
        browser.screenshot("schedule-month");
    }

    /** Fills a date-time field as a picker would; typing into one depends on the browser's locale. */
    private void setValue(String id, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.driver().findElement(By.id(id)), value);
    }

    @Test
    void servicesPoliciesAndUsersShowWhatTheApiConfigured() throws Exception {
        User grace = onCall.responder("Grace");
        onCall.pages(grace, Channel.EMAIL, "grace@example.test", Duration.ZERO);
        EscalationPolicy policy = onCall.policy(0, level(Duration.ofMinutes(5), grace));
        Service service = onCall.service(policy);

        browser.get(api.url("/ui/services"));
        browser.await(textToBe(By.tagName("h1"), "Services"));
        assertThat(browser.text("main")).contains(service.name() + " " + policy.name() + " HIGH");
        browser.screenshot("services");

        browser.driver().findElement(By.linkText(service.name())).click();
        new Select(browser.await(presenceOfElementLocated(By.name("urgency")))).selectByVisibleText("LOW");
        browser.screenshot("service-edit");
        browser.driver().findElement(By.id("save-service")).click();
        browser.await(presenceOfElementLocated(By.cssSelector("select[name=urgency] option[value=LOW][selected]")));
        assertThat(AdminApi.ok(api.call("GET", "/api/v1/services/" + service.id(), null), 200).get("urgency")
                .asString()).isEqualTo("LOW");

        browser.get(api.url("/ui/policies"));
        browser.await(textToBe(By.tagName("h1"), "Escalation policies"));
        assertThat(browser.text("main")).contains(policy.name(), "Level 1 " + grace.name() + " then wait PT5M");

        browser.get(api.url("/ui/users"));
        browser.await(textToBe(By.tagName("h1"), "Users"));
        assertThat(browser.text("main")).contains(grace.name(), "EMAIL grace@example.test");
    }
}
