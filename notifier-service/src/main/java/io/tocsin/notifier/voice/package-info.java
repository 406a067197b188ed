/** Voice calls through Twilio and the key presses that answer them. */
package io.tocsin.notifier.voice;
