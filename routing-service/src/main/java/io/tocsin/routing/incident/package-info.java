/** Paging runtime: incidents and their lifecycle (trigger, acknowledge, resolve), timeline and consumers. */
package io.tocsin.routing.incident;
