/** Generic JSON alerts. */
package io.tocsin.ingest.generic;
