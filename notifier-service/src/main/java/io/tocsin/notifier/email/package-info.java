/** Email pages over SMTP and their signed links. */
package io.tocsin.notifier.email;
