package io.tocsin.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * One record of a poll a consumer takes as a batch ({@code batch-mode: true}): its payload, its place in its topic
 * and the trace it was sent in. The binder hands a batch over as one message whose headers are lists, one entry per
 * record in the payload's order; this reads them back into records.
 *
 * @param key the record's key as sent (a dead letter keeps it), or null
 * @param traceParent the W3C traceparent the record was sent with, or null
 */
public record Received<T>(T payload, byte[] key, String topic, int partition, long offset, String traceParent) {

    static final String TRACE_PARENT = "traceparent";

    public static <T> List<Received<T>> of(Message<List<T>> batch) {
        MessageHeaders headers = batch.getHeaders();
        List<T> payloads = batch.getPayload();
        List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(headers, KafkaHeaders.OFFSET);
        List<?> keys = list(headers, KafkaHeaders.RECEIVED_KEY);
        List<?> recordHeaders = list(headers, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<Received<T>> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            records.add(new Received<>(payloads.get(i), at(keys, i) instanceof byte[] key ? key : null,
                    (String) at(topics, i), number(at(partitions, i)).intValue(),
                    number(at(offsets, i)).longValue(), text(at(recordHeaders, i) instanceof Map<?, ?> map
                            ? map.get(TRACE_PARENT) : null)));
        }
        return records;
    }

    /** The same record with its payload read: what was read from it keeps its place and trace. */
    public <R> Received<R> with(R read) {
        return new Received<>(read, key, topic, partition, offset, traceParent);
    }

    /** A stable id for the record's place in its topic: what was derived from it is the same on a redelivery. */
    public UUID placeId() {
        return UUID.nameUUIDFromBytes((topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> list ? list : List.of();
    }

    private static Object at(List<?> values, int index) {
        return index < values.size() ? values.get(index) : null;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : -1;
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            default -> value.toString();
        };
    }
}
