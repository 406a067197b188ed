/** The ingest service: webhooks in, normalized alerts to Kafka, no database. */
package io.tocsin.ingest;
