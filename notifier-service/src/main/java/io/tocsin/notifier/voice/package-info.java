/** Voice calls through Twilio and Vonage and the key presses that answer them. */
package io.tocsin.notifier.voice;
