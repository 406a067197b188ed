/** Configuration: heartbeat integrations' pings and deadlines (a missed one is raised by incident). */
package io.tocsin.routing.heartbeat;
