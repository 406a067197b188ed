/** Push notifications through ntfy: the page as a high-priority message with Acknowledge and Resolve actions. */
package io.tocsin.notifier.push;
