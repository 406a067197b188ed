/**
 * Foundation: what every admin API controller shares: problem details, ETags, who called (Caller), 409s from refused
 * constraints.
 */
package io.tocsin.routing.api;
