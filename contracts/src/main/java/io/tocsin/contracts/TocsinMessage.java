package io.tocsin.contracts;

import java.util.UUID;

/** What every message on a Tocsin topic carries: a unique id for idempotent consumers and its schema version. */
public interface TocsinMessage {

    UUID id();

    int schemaVersion();
}
