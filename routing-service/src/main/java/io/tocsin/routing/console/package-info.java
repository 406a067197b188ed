/** Edge: the web console's server-rendered pages. */
package io.tocsin.routing.console;
