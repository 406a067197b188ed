/** Edge: API tokens, console sign-in, and what each role may do. */
package io.tocsin.routing.auth;
