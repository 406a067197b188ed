/** Delivering a notification request: dispatch, throttling, retries, delivery reports, the console fallback. */
package io.tocsin.notifier.delivery;
