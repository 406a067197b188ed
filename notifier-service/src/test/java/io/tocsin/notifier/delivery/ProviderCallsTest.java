package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.tracing.Tracer;
import io.tocsin.contracts.Channel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider calls bounded per channel, and how they end on shutdown. */
class ProviderCallsTest {

    private final ProviderCalls calls = new ProviderCalls(new ProviderCallProperties(2), Tracer.NOOP);
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger underWay = new AtomicInteger();

    @AfterEach
    void answerEverything() {
        answer.countDown();
        calls.stop();
    }

    @Test
    void aChannelsCallsBeyondItsBoundWaitForAFreeSlotWhileOtherChannelsGoOn() throws InterruptedException {
        calls.start(toUser(Channel.SMS, "+12015550101", "one"), this::slowCall);
        calls.start(toUser(Channel.SMS, "+12015550102", "two"), this::slowCall);
        AtomicBoolean thirdMade = new AtomicBoolean();
        Thread consumer = Thread.ofVirtual().start(() -> calls.start(toUser(Channel.SMS, "+12015550103", "three"),
                () -> thirdMade.set(true)));

        await().until(() -> consumer.getState() == Thread.State.WAITING);
        assertThat(underWay).hasValue(2);
        assertThat(thirdMade).isFalse();
        AtomicBoolean emailMade = new AtomicBoolean();
        calls.start(toUser(Channel.EMAIL, "hedy@example.test", "four"), () -> emailMade.set(true));
        await().untilTrue(emailMade);

        answer.countDown();

        await().untilTrue(thirdMade);
        consumer.join();
    }

    @Test
    void stoppingLetsTheCallsUnderWayFinishAndStartsNoMore() {
        calls.start(toUser(Channel.SMS, "+12015550104", "under way"), this::slowCall);
        await().until(() -> underWay.get() == 1);
        AtomicBoolean stopped = new AtomicBoolean();

        calls.stop(() -> stopped.set(true));

        assertThat(stopped).isFalse();
        answer.countDown();
        await().untilTrue(stopped);
        AtomicBoolean late = new AtomicBoolean();
        calls.start(toUser(Channel.SMS, "+12015550105", "too late"), () -> late.set(true));
        assertThat(late).isFalse();
    }

    private void slowCall() {
        underWay.incrementAndGet();
        try {
            answer.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
