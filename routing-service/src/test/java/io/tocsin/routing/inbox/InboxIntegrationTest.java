package io.tocsin.routing.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@RoutingIntegrationTest
class InboxIntegrationTest {

    @Autowired
    Inbox inbox;
    @Autowired
    MutableClock clock;
    @Autowired
    TransactionTemplate tx;

    private boolean firstDelivery(UUID id) {
        return Boolean.TRUE.equals(tx.execute(status -> inbox.firstDelivery(id)));
    }

    @Test
    void aMessageIdCountsOnceAndIsForgottenWhenKafkaCouldNoLongerRedeliverIt() {
        UUID id = UUID.randomUUID();

        assertThat(firstDelivery(id)).isTrue();
        assertThat(firstDelivery(id)).isFalse();

        clock.advance(Duration.ofDays(13));
        inbox.prune();
        assertThat(firstDelivery(id)).isFalse();

        clock.advance(Duration.ofDays(2));
        inbox.prune();
        assertThat(firstDelivery(id)).isTrue();
    }

    @Test
    void aPollsIdsAreRememberedTogetherAndOnlyTheNewOnesReturned() {
        UUID seen = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        firstDelivery(seen);

        Set<UUID> first = tx.execute(status -> inbox.firstDeliveries(List.of(seen, fresh, fresh)));

        assertThat(first).containsExactly(fresh);
        assertThat(firstDelivery(fresh)).isFalse();
    }
}
