/** Ingest's view of the integrations, read from the compacted integrations topic. */
package io.tocsin.ingest.integration;
