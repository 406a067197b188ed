package io.tocsin.routing;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction: created on first use in it, given to {@code beforeCommit}
 * (if any) just before the transaction commits and to {@code afterCommit} once it did, and gone when the transaction
 * completes either way. Each instance is its own key: two repositories with one each never see the other's value.
 * What a poll's records share in the one transaction that applies them (held writes, what was read or locked once)
 * lives here, so that no record's work outlives or leaks into another transaction.
 */
public final class TransactionScoped<T> {

    private final Supplier<T> create;
    private final Consumer<T> beforeCommit;
    private final Consumer<T> afterCommit;

    private TransactionScoped(Supplier<T> create, Consumer<T> beforeCommit, Consumer<T> afterCommit) {
        this.create = create;
        this.beforeCommit = beforeCommit;
        this.afterCommit = afterCommit;
    }

    /** A value with nothing to do at commit (a cache of what the transaction read or locked). */
    public static <T> TransactionScoped<T> of(Supplier<T> create) {
        return new TransactionScoped<>(create, value -> {
        }, value -> {
        });
    }

    /** A value that does {@code beforeCommit} with itself before the transaction commits (held writes sent). */
    public static <T> TransactionScoped<T> of(Supplier<T> create, Consumer<T> beforeCommit) {
        return new TransactionScoped<>(create, beforeCommit, value -> {
        });
    }

    /** As {@link #of(Supplier, Consumer)}, and {@code afterCommit} once the transaction committed. */
    public static <T> TransactionScoped<T> of(Supplier<T> create, Consumer<T> beforeCommit, Consumer<T> afterCommit) {
        return new TransactionScoped<>(create, beforeCommit, afterCommit);
    }

    /** The current transaction's value, created now if this is its first use; empty outside a transaction. */
    public Optional<T> get() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T bound = (T) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return Optional.of(bound);
        }
        T value = create.get();
        TransactionSynchronizationManager.bindResource(this, value);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                beforeCommit.accept(value);
            }

            @Override
            public void afterCommit() {
                afterCommit.accept(value);
            }

            // a transaction suspended for another (REQUIRES_NEW) keeps its value for when it resumes
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(TransactionScoped.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(TransactionScoped.this, value);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionScoped.this);
            }
        });
        return Optional.of(value);
    }

    /** The current transaction's value if it was used in it already; never creates one. */
    public Optional<T> existing() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T bound = (T) TransactionSynchronizationManager.getResource(this);
        return Optional.ofNullable(bound);
    }
}
