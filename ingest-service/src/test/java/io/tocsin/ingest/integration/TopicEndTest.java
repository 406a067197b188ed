package io.tocsin.ingest.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicEndTest {

    @Test
    void anEmptyTopicIsReachedAtOnce() {
        assertThat(new TopicEnd(Map.of()).reachedBy(Map.of())).isTrue();
    }

    @Test
    void everyPartitionWithRecordsMustBeReadToItsLastOffset() {
        TopicEnd end = new TopicEnd(Map.of(0, 4L, 3, 0L));

        assertThat(end.reachedBy(Map.of(0, 4L))).isFalse();
        assertThat(end.reachedBy(Map.of(0, 3L, 3, 0L))).isFalse();
        assertThat(end.reachedBy(Map.of(0, 4L, 3, 0L))).isTrue();
        assertThat(end.reachedBy(Map.of(0, 9L, 3, 2L, 5, 1L))).isTrue();
    }
}
