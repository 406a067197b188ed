package io.tocsin.ingest.integration;

import java.util.Map;

/**
 * Where the integrations topic ended when this instance started: the last offset of each partition
 * that holds records. Ingest has loaded every integration that existed then once it has read that far.
 */
record TopicEnd(Map<Integer, Long> lastOffsets) {

    TopicEnd {
        lastOffsets = Map.copyOf(lastOffsets);
    }

    /** Whether the offsets read so far, by partition, reach the end everywhere. */
    boolean reachedBy(Map<Integer, Long> read) {
        return lastOffsets.entrySet().stream()
                .allMatch(last -> read.getOrDefault(last.getKey(), -1L) >= last.getValue());
    }
}
