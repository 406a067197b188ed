/**
 * SMS and voice over several providers: the order per destination, failover to the next provider, a circuit breaker
 * per provider. The providers themselves live in their own packages (twilio's SMS in sms/, its calls in voice/,
 * vonage/).
 */
package io.tocsin.notifier.carrier;
