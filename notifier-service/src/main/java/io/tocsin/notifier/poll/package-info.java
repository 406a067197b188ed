/** Taking a Kafka poll's records together: one transaction per poll, each record traced and isolated. */
package io.tocsin.notifier.poll;
