/** Heartbeat pings. */
package io.tocsin.ingest.heartbeat;
