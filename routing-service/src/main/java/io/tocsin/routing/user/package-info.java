/** Configuration: users, their contact methods and notification rules. */
package io.tocsin.routing.user;
