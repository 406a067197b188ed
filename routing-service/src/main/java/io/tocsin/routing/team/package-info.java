/** Configuration: teams, which own services, policies and schedules. */
package io.tocsin.routing.team;
