/** Grafana alerting webhooks. */
package io.tocsin.ingest.grafana;
