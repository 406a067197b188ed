/** Edge: the operation that announces integrations and contact methods to Kafka again. */
package io.tocsin.routing.republish;
