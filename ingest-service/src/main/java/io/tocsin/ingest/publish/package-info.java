/** Publishing alerts to Kafka, answering only once the write is acknowledged. */
package io.tocsin.ingest.publish;
