/** SMS pages through Twilio and Vonage, replies and opt-outs. */
package io.tocsin.notifier.sms;
