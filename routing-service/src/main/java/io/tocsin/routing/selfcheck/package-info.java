/** Edge: the paging health check (/actuator/health/paging): outbox backlog and overdue escalation steps. */
package io.tocsin.routing.selfcheck;
