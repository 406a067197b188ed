/** Edge: public status pages and their updates. */
package io.tocsin.routing.statuspage;
