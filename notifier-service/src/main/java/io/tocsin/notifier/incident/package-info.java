/** The notifier's view of incidents' states, from routing's incident changes. */
package io.tocsin.notifier.incident;
