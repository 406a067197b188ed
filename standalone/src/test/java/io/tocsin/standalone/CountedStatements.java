package io.tocsin.standalone;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the SQL statements and commits of the services it is given to (as {@link #SETTING}): it wraps each one's
 * DataSource in datasource-proxy and tells {@link #TALLY} what runs on every connection. The services are Spring
 * contexts in the test's JVM, so one static tally adds routing's and the notifier's work together.
 */
@Configuration(proxyBeanMethods = false)
public class CountedStatements {

    /** The setting that makes a service count: its DataSource is wrapped before anything uses it. */
    static final String SETTING = "--spring.main.sources=" + CountedStatements.class.getName();

    static final Tally TALLY = new Tally();

    @Bean
    static BeanPostProcessor countStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
                    return ProxyDataSourceBuilder.create(beanName, dataSource)
                            .listener(TALLY)
                            .methodListener(TALLY)
                            .proxyResultSet()
                            .build();
                }
                return bean;
            }
        };
    }

    /** What was counted since {@link Tally#reset()}: committed or rolled-back transactions and their statements. */
    record Counts(long statements, long commits, long rollbacks, long idleTransactions) {

        String per(int events) {
            return String.format(Locale.ROOT, "%.2f statements and %.2f commits per event (%d statements, %d commits,"
                    + " %d rollbacks for %d events; %d idle loop transactions not counted)", statements / (double) events,
                    commits / (double) events, statements, commits, rollbacks, events, idleTransactions);
        }
    }

    /**
     * Statements by transaction. A transaction of a background loop (the outbox relay, the timer engine, the
     * due-delivery, report and status-page pollers) that changed no row and claimed none is the loop finding nothing
     * to do: those wake on their own schedule, so they are left out of the counts (and listed apart), which then are
     * the events' own. Whatever a Kafka consumer does is counted, reads included. A JDBC batch is one statement (one
     * round trip), as it is to the database.
     */
    static final class Tally implements QueryExecutionListener, MethodExecutionListener {

        private static final String IDLE = "(idle, not counted) ";

        private final Map<String, Transaction> open = new ConcurrentHashMap<>();
        private final LongAdder statements = new LongAdder();
        private final LongAdder commits = new LongAdder();
        private final LongAdder rollbacks = new LongAdder();
        private final LongAdder idle = new LongAdder();
        private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();

        /** One connection's open transaction (or a single autocommitted statement). */
        private static final class Transaction {
            final List<String> sql = new ArrayList<>();
            boolean changedRows;
        }

        void reset() {
            statements.reset();
            commits.reset();
            rollbacks.reset();
            idle.reset();
            bySql.clear();
        }

        Counts counts() {
            return new Counts(statements.sum(), commits.sum(), rollbacks.sum(), idle.sum());
        }

        /** How many counted statements began with this text. */
        long counted(String sqlStart) {
            return bySql.entrySet().stream().filter(entry -> entry.getKey().startsWith(sqlStart))
                    .mapToLong(entry -> entry.getValue().sum()).sum();
        }

        /** The statements, most frequent first, one line each: where the cost goes (idle loops' apart). */
        String statementsByText() {
            StringBuilder text = new StringBuilder();
            bySql.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                    .forEach(entry -> text.append(String.format(Locale.ROOT, "%6d  %s%n", entry.getValue().sum(),
                            entry.getKey())));
            return text.toString();
        }

        @Override
        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        }

        @Override
        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            Transaction transaction = open.computeIfAbsent(execution.getConnectionId(), id -> new Transaction());
            synchronized (transaction) {
                transaction.sql.add(oneLine(queries.getFirst().getQuery()));
                transaction.changedRows |= changedRows(execution.getResult());
            }
            if (autoCommit(execution)) {
                end(execution.getConnectionId(), true);
            }
        }

        @Override
        public void beforeMethod(MethodExecutionContext call) {
        }

        @Override
        public void afterMethod(MethodExecutionContext call) {
            if (call.getThrown() != null) {
                return;
            }
            String connection = call.getConnectionInfo().getConnectionId();
            String method = call.getMethod().getName();
            if (call.getTarget() instanceof Connection) {
                switch (method) {
                    case "commit" -> end(connection, true);
                    case "rollback" -> {
                        if (call.getMethodArgs() == null || call.getMethodArgs().length == 0) {
                            end(connection, false);
                        }
                    }
                    case "close" -> open.remove(connection);
                    default -> {
                    }
                }
            } else if (call.getTarget() instanceof ResultSet && method.equals("next")
                    && Boolean.TRUE.equals(call.getResult())) {
                // a row returned by insert/update/delete … returning, or claimed by select … for update
                Transaction transaction = open.get(connection);
                if (transaction != null) {
                    synchronized (transaction) {
                        if (!transaction.sql.isEmpty() && changesOrClaims(transaction.sql.getLast())) {
                            transaction.changedRows = true;
                        }
                    }
                }
            }
        }

        private void end(String connection, boolean committed) {
            Transaction transaction = open.remove(connection);
            if (transaction == null) {
                return; // a commit with no statement before it sends nothing to the database
            }
            synchronized (transaction) {
                if (!transaction.changedRows && !consumingKafka(Thread.currentThread())) {
                    idle.increment();
                    transaction.sql.forEach(sql -> bySql.computeIfAbsent(IDLE + sql, text -> new LongAdder())
                            .increment());
                    return;
                }
                statements.add(transaction.sql.size());
                transaction.sql.forEach(sql -> bySql.computeIfAbsent(sql, text -> new LongAdder()).increment());
                (committed ? commits : rollbacks).increment();
            }
        }

        /** Spring for Apache Kafka names its consumer threads {@code <container>-C-<n>}. */
        private static boolean consumingKafka(Thread thread) {
            return thread.getName().contains("-C-");
        }

        private static boolean changedRows(Object result) {
            if (result instanceof Integer updated) {
                return updated != 0;
            }
            if (result instanceof Long updated) {
                return updated != 0;
            }
            if (result instanceof int[] updated) {
                return Arrays.stream(updated).anyMatch(count -> count != 0);
            }
            if (result instanceof long[] updated) {
                return Arrays.stream(updated).anyMatch(count -> count != 0);
            }
            return false;
        }

        private static boolean changesOrClaims(String sql) {
            String lower = sql.toLowerCase(Locale.ROOT);
            return lower.startsWith("insert") || lower.startsWith("update") || lower.startsWith("delete")
                    || lower.contains(" returning") || lower.contains(" for update");
        }

        private static boolean autoCommit(ExecutionInfo execution) {
            try {
                return execution.getStatement().getConnection().getAutoCommit();
            } catch (SQLException closed) {
                return true;
            }
        }

        private static String oneLine(String sql) {
            return sql.strip().replaceAll("\\s+", " ");
        }
    }
}
