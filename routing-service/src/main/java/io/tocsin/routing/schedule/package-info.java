/** Configuration: on-call schedules (rotations, restrictions, overrides) and who is on call when. */
package io.tocsin.routing.schedule;
