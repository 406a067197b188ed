/** Configuration: services, their integrations (keys, settings, rotation) and maintenance windows. */
package io.tocsin.routing.service;
