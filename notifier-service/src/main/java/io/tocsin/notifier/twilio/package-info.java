/** What SMS and voice share of Twilio: client, signature checks, status callbacks. */
package io.tocsin.notifier.twilio;
