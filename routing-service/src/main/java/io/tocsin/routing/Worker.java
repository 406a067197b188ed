package io.tocsin.routing;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background loop on a virtual thread, running while the application context does: each round
 * does what is due and then waits for more. A failed round is logged and retried after a pause.
 */
public abstract class Worker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final String name;
    private volatile Thread thread;

    protected Worker(String name) {
        this.name = name;
    }

    /** Does what is due, then waits (interruptibly) until there may be more. */
    protected abstract void round() throws InterruptedException;

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                round();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("{} failed, retrying in {}: {}", name, PAUSE_AFTER_FAILURE, e.toString());
                try {
                    Thread.sleep(PAUSE_AFTER_FAILURE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        // assigned before it runs: the loop goes on only while it is the current thread
        Thread started = Thread.ofVirtual().name(name).unstarted(this::run);
        thread = started;
        started.start();
    }

    @Override
    public void stop() {
        Thread stopping = thread;
        thread = null;
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
