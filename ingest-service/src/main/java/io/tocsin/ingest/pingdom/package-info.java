/** Pingdom webhooks. */
package io.tocsin.ingest.pingdom;
