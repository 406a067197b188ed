/** Configuration: escalation policies, their levels and their typed targets. */
package io.tocsin.routing.policy;
