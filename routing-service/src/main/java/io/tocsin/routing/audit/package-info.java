/** Foundation: the audit log of configuration changes, written in the transaction of each change. */
package io.tocsin.routing.audit;
