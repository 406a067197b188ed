/** What SMS and voice share of Vonage: client, webhook signatures, delivery receipts and call events. */
package io.tocsin.notifier.vonage;
