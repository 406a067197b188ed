/** UptimeRobot webhooks. */
package io.tocsin.ingest.uptimerobot;
