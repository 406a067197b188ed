/** Prometheus Alertmanager webhooks. */
package io.tocsin.ingest.alertmanager;
