/** Foundation: the ids of consumed messages, so a redelivered message changes nothing the second time. */
package io.tocsin.routing.inbox;
