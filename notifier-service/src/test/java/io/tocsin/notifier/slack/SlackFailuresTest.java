package io.tocsin.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.notifier.delivery.SendOutcome;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackFailuresTest {

    @ParameterizedTest
    @CsvSource({
            "channel_not_found, invite the Tocsin app to a private channel",
            "cannot_dm_bot, fix the user's Slack contact method",
            "not_in_channel, invite the Tocsin app to the channel",
            "is_archived, unarchive it",
            "invalid_auth, set its bot token (xoxb-…) in TOCSIN_SLACK_BOT_TOKEN",
            "token_revoked, reinstall the Tocsin app",
            "account_inactive, reinstall the Tocsin app",
            "missing_scope, chat:write scope",
            "restricted_action, ask a Slack admin",
            "invalid_blocks, Tocsin bug"})
    void aRefusalOfThePageIsPermanentAndSaysWhatAnAdminCanDo(String error, String hint) {
        SendOutcome.Failed failed = SlackFailures.refused("C0OPS00001", 200, error, null);

        assertThat(failed.temporary()).isFalse();
        assertThat(failed.reason()).startsWith("Slack error " + error + " posting to C0OPS00001: ").contains(hint);
    }

    @Test
    void anErrorWithoutAHintStillNamesTheError() {
        SendOutcome.Failed failed = SlackFailures.refused("C0OPS00001", 200, "something_new", null);

        assertThat(failed.temporary()).isFalse();
        assertThat(failed.reason()).startsWith("Slack error something_new posting to C0OPS00001: ").contains("chat.postMessage");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "429, ratelimited, 30, 'Slack rate limit (HTTP 429 ratelimited), retry after 30 s'",
            "429, null, null, 'Slack rate limit (HTTP 429 without an error name)'",
            "200, ratelimited, null, 'Slack rate limit (HTTP 200 ratelimited)'",
            "503, null, null, 'Slack is having trouble (HTTP 503 without an error name)'",
            "500, fatal_error, null, 'Slack is having trouble (HTTP 500 fatal_error)'",
            "200, internal_error, null, 'Slack is having trouble (HTTP 200 internal_error)'",
            "200, service_unavailable, null, 'Slack is having trouble (HTTP 200 service_unavailable)'"})
    void rateLimitsAndSlacksOwnTroubleAreTemporary(int status, String error, String retryAfter, String reason) {
        SendOutcome.Failed failed = SlackFailures.refused("C0OPS00001", status, error, retryAfter);

        assertThat(failed.temporary()).isTrue();
        assertThat(failed.reason()).isEqualTo(reason);
    }

    @Test
    void slacksRetryAfterIsTheWaitBeforeTheNextAttempt() {
        assertThat(SlackFailures.refused("C0OPS00001", 429, "ratelimited", "30").retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(SlackFailures.refused("C0OPS00001", 429, "ratelimited", "soon").retryAfter()).isNull();
        assertThat(SlackFailures.refused("C0OPS00001", 503, null, null).retryAfter()).isNull();
    }

    @Test
    void anHttpErrorWithoutSlacksAnswerPointsAtTheBaseUrl() {
        SendOutcome.Failed failed = SlackFailures.refused("C0OPS00001", 404, null, null);

        assertThat(failed.temporary()).isFalse();
        assertThat(failed.reason()).contains("HTTP 404").contains("tocsin.slack.base-url");
    }

    @Test
    void anUnreachableSlackIsTemporary() {
        SendOutcome.Failed failed = SlackFailures.unreachable(new SocketTimeoutException("timeout"));

        assertThat(failed.temporary()).isTrue();
        assertThat(failed.reason()).isEqualTo("Slack unreachable: SocketTimeoutException: timeout");
    }

    @Test
    void theBotTokenIsNeverPrinted() {
        SlackProperties properties = new SlackProperties("xoxb-secret-token", "8f2b0c1d-signing-secret",
                URI.create("https://slack.com/api"));

        assertThat(properties.toString()).doesNotContain("xoxb-secret-token").doesNotContain("8f2b0c1d")
                .contains("(hidden)");
        assertThat(properties.methodsEndpointUrlPrefix()).isEqualTo("https://slack.com/api/");
    }
}
