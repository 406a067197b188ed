/** The HTTP endpoints, integration-key checks, limits and the Normalizer each monitor format implements. */
package io.tocsin.ingest.intake;
