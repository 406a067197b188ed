/** PagerDuty Events API v1 compatible events. */
package io.tocsin.ingest.eventsv1;
