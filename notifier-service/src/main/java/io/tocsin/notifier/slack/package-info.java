/** Slack messages, their updates, and button clicks (interactivity). */
package io.tocsin.notifier.slack;
