/**
 * The notifier service: pages out through Twilio, Slack, email and webhooks, and responders' answers back as commands.
 */
package io.tocsin.notifier;
