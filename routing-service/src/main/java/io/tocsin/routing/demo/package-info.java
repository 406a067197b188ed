/** Edge: the standalone launcher's first-start demo configuration. */
package io.tocsin.routing.demo;
