/** Signed webhook pages. */
package io.tocsin.notifier.webhook;
