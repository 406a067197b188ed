package io.tocsin.notifier.slack;

import io.tocsin.notifier.delivery.SendOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What Slack's refusals of {@code chat.postMessage} mean for a page: temporary (rate limits, Slack's own
 * trouble, the network) or permanent, with the error name and what an admin can do about it.
 */
final class SlackFailures {

    private static final String BAD_TOKEN = "the bot token is not valid: reinstall the Tocsin app in the Slack workspace"
            + " and set its bot token (xoxb-…) in TOCSIN_SLACK_BOT_TOKEN";
    private static final String TOCSIN_BUG = "Slack refused the message Tocsin built: please report this as a Tocsin bug";
    private static final String RESTRICTED = "a workspace setting keeps apps from posting in this channel: ask a Slack"
            + " admin to allow it, or target another channel";

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("channel_not_found", "no channel or member with this ID is visible to the Tocsin app: check the ID"
                    + " (Slack shows a channel's in its details, a member's under Profile > Copy member ID), and invite"
                    + " the Tocsin app to a private channel (/invite @Tocsin in the channel)"),
            Map.entry("not_in_channel", "invite the Tocsin app to the channel (/invite @Tocsin in the channel)"),
            Map.entry("is_archived", "the channel is archived: unarchive it, or point the escalation policy at another channel"),
            Map.entry("cannot_dm_bot", "the member ID is a bot's, which cannot be paged: fix the user's Slack contact method"),
            Map.entry("user_not_found", "no such member in the workspace: fix the user's Slack contact method"),
            Map.entry("invalid_auth", BAD_TOKEN),
            Map.entry("not_authed", BAD_TOKEN),
            Map.entry("token_revoked", BAD_TOKEN),
            Map.entry("token_expired", BAD_TOKEN),
            Map.entry("account_inactive", "the bot token belongs to a deactivated account or an uninstalled app:"
                    + " reinstall the Tocsin app in the Slack workspace and update TOCSIN_SLACK_BOT_TOKEN"),
            Map.entry("missing_scope", "the Tocsin app lacks the chat:write scope: add it under OAuth & Permissions"
                    + " and reinstall the app"),
            Map.entry("restricted_action", RESTRICTED),
            Map.entry("restricted_action_read_only_channel", RESTRICTED),
            Map.entry("restricted_action_thread_only_channel", RESTRICTED),
            Map.entry("team_access_not_granted", "the Tocsin app is not installed in the workspace of this channel:"
                    + " install it there, or target another channel"),
            Map.entry("msg_too_long", TOCSIN_BUG),
            Map.entry("no_text", TOCSIN_BUG),
            Map.entry("invalid_blocks", TOCSIN_BUG),
            Map.entry("invalid_blocks_format", TOCSIN_BUG),
            Map.entry("invalid_arguments", TOCSIN_BUG));

    /** Refusals that say nothing about the page itself: the same call may well succeed later. */
    private static final Set<String> TEMPORARY = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");

    private SlackFailures() {
    }

    /**
     * A refused post to {@code conversation}: Slack answers most refusals with HTTP 200 and {@code "ok": false},
     * rate limits with HTTP 429 and a {@code Retry-After} in seconds. {@code error} and {@code retryAfter} may be null.
     */
    static SendOutcome.Failed refused(String conversation, int httpStatus, String error, String retryAfter) {
        if (httpStatus == 429 || "ratelimited".equals(error) || "rate_limited".equals(error)) {
            return new SendOutcome.Failed(true, "Slack rate limit (HTTP " + httpStatus + " " + name(error) + ")"
                    + (retryAfter == null ? "" : ", retry after " + retryAfter + " s"), seconds(retryAfter));
        }
        if (httpStatus >= 500 || error != null && TEMPORARY.contains(error)) {
            return new SendOutcome.Failed(true, "Slack is having trouble (HTTP " + httpStatus + " " + name(error) + ")");
        }
        if (error == null) {
            return new SendOutcome.Failed(false, "Slack answered HTTP " + httpStatus
                    + ": check tocsin.slack.base-url, it should name Slack's Web API (https://slack.com/api/)");
        }
        String hint = HINTS.getOrDefault(error, "see the errors of chat.postMessage in Slack's API documentation");
        // the conversation ID is no secret, and the admin who reads this must know which one to fix
        return new SendOutcome.Failed(false, "Slack error " + error + " posting to " + conversation + ": " + hint);
    }

    static SendOutcome.Failed unreachable(IOException e) {
        return new SendOutcome.Failed(true, "Slack unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** An answer the SDK could not read, e.g. a proxy's HTML page instead of Slack's JSON. */
    static SendOutcome.Failed unreadable(RuntimeException e) {
        return new SendOutcome.Failed(true, "unreadable answer from Slack: " + e.getClass().getSimpleName());
    }

    /** Slack's Retry-After is a number of seconds; anything else leaves the wait to Tocsin's backoff. */
    private static Duration seconds(String retryAfter) {
        try {
            return retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String name(String error) {
        return error == null ? "without an error name" : error;
    }
}
