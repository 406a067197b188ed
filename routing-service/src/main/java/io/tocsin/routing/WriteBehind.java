package io.tocsin.routing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * One repository's writes, held for the transaction and sent just before it commits as one JDBC batch per statement
 * (one round trip; with {@code reWriteBatchedInserts} the driver makes the inserts one multi-row insert): a poll of
 * alerts writes its timeline, outbox and timer rows in a few statements instead of a few per alert. The batches go in
 * the order the writes were made, a batch per run of the same statement, so what the writes mean does not change.
 * The repository calls {@link #flush()} before any other statement on its tables, so the transaction still reads its
 * own writes. Outside a transaction a write is sent at once.
 */
public final class WriteBehind {

    /** The writes of one statement in a row, sent as one batch. */
    private record Batch(String sql, List<SqlParameterSource> rows) {
    }

    private final NamedParameterJdbcOperations jdbc;
    private final TransactionScoped<List<Batch>> held;
    private final Runnable afterCommit;

    /** Writes behind, with {@code afterCommit} run once after each transaction that wrote any (a worker woken). */
    public WriteBehind(NamedParameterJdbcOperations jdbc, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.afterCommit = afterCommit;
        this.held = TransactionScoped.of(ArrayList::new, this::send, batches -> afterCommit.run());
    }

    public WriteBehind(NamedParameterJdbcOperations jdbc) {
        this(jdbc, () -> {
        });
    }

    /** Holds the write for the transaction, or sends it now outside one. */
    public void write(String sql, SqlParameterSource row) {
        held.get().ifPresentOrElse(batches -> {
            if (batches.isEmpty() || !batches.getLast().sql().equals(sql)) {
                batches.add(new Batch(sql, new ArrayList<>()));
            }
            batches.getLast().rows().add(row);
        }, () -> {
            jdbc.update(sql, row);
            afterCommit.run();
        });
    }

    /** Sends what the transaction holds now: before the repository reads, updates or deletes on its tables. */
    public void flush() {
        held.existing().ifPresent(this::send);
    }

    private void send(List<Batch> batches) {
        for (Batch batch : batches) {
            jdbc.batchUpdate(batch.sql(), batch.rows().toArray(SqlParameterSource[]::new));
        }
        batches.clear();
    }
}
