/** Foundation: messages written with the change that caused them, relayed to Kafka after commit. */
package io.tocsin.routing.outbox;
