/** Paging runtime: working an incident through its policy: the escalator, pages, and delivery reports. */
package io.tocsin.routing.escalation;
