/**
 * Configuration: integrations' event rules (CEL conditions over the normalized alert: route to another service, set
 * urgency or severity, suppress, build the dedup key, drop), compiled once and applied to every alert before it is
 * applied to an incident.
 */
package io.tocsin.routing.rule;
