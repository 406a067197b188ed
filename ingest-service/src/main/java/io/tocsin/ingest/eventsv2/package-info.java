/** PagerDuty Events API v2 compatible events. */
package io.tocsin.ingest.eventsv2;
