/** SMS pages through Twilio, replies and opt-outs. */
package io.tocsin.notifier.sms;
