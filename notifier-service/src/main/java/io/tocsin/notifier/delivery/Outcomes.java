package io.tocsin.notifier.delivery;

import io.tocsin.notifier.delivery.DeliveryReports.Report;
import io.tocsin.notifier.delivery.Notifications.Finish;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Stores what provider calls came to and tells routing, calls that end close together in one go: a call ending while
 * the outcomes of others are being stored waits, and is stored with every call that ended meanwhile, one JDBC batch in
 * one transaction; the group's reports then go to routing together and are marked reported in one statement
 * ({@link DeliveryReports#report}). Nothing waits for a group to fill: a call ending alone is stored at once. A report
 * goes out only once its outcome is stored, so a crash in between sends the report again, not the message.
 */
@Component
class Outcomes {

    private final Notifications notifications;
    private final DeliveryReports reports;
    private final TransactionOperations transactions;
    private final ReentrantLock storing = new ReentrantLock();
    private final Queue<Ended> ended = new ConcurrentLinkedQueue<>();

    Outcomes(Notifications notifications, DeliveryReports reports, TransactionOperations transactions) {
        this.notifications = notifications;
        this.reports = reports;
        this.transactions = transactions;
    }

    /**
     * Stores an attempt's outcome and then sends its reports (its page's, and those of the pages bundled into it).
     * Returns once the outcome is stored, its reports sent by this call or by the one that stored its group; throws if
     * it could not be stored: the page stays leased, and is sent again once its lease runs out.
     */
    void store(Finish finish, List<Report> toReport) {
        Ended mine = new Ended(finish, toReport);
        ended.add(mine);
        List<Ended> group = new ArrayList<>();
        storing.lock();
        try {
            if (!mine.stored && mine.failure == null) {
                for (Ended next = ended.poll(); next != null; next = ended.poll()) {
                    group.add(next);
                }
                store(group);
            }
        } finally {
            storing.unlock();
        }
        // outside the lock: the next group is stored while Kafka takes these
        reports.report(group.stream().filter(each -> each.stored).flatMap(each -> each.reports.stream()).toList());
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /**
     * The group in one transaction; if that fails, each alone, so that an outcome that cannot be stored (its page then
     * sent again after its lease) takes no other page with it.
     */
    private void store(List<Ended> group) {
        try {
            finish(group);
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.getFirst().failure = e;
                return;
            }
            for (Ended each : group) {
                try {
                    finish(List.of(each));
                } catch (RuntimeException alone) {
                    each.failure = alone;
                }
            }
        }
    }

    private void finish(List<Ended> group) {
        transactions.executeWithoutResult(status -> notifications.finish(group.stream().map(Ended::finish).toList()));
        group.forEach(each -> each.stored = true);
    }

    /** A call's outcome waiting to be stored; its state is read and written under {@link #storing}. */
    private static final class Ended {

        private final Finish finish;
        private final List<Report> reports;
        private boolean stored;
        private RuntimeException failure;

        Ended(Finish finish, List<Report> reports) {
            this.finish = finish;
            this.reports = reports;
        }

        Finish finish() {
            return finish;
        }
    }
}
