/** Uptime Kuma webhooks. */
package io.tocsin.ingest.uptimekuma;
