/**
 * The routing service: incidents, escalation, on-call schedules and the admin API, in layers (docs/architecture.md).
 */
package io.tocsin.routing;
