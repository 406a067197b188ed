package io.tocsin.standalone.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone launcher's Kafka broker or PostgreSQL alone, as a process of its own, for running the services
 * as separate processes on one machine (the fault scenarios stop and restart it on the same data):
 * {@code java -cp tocsin-standalone.jar io.tocsin.standalone.infra.Infra kafka|postgres <dir> <port>}. It prints
 * {@code READY} once it serves, and stops cleanly on SIGTERM or Ctrl-C.
 */
public final class Infra {

    private static final String USAGE = "usage: Infra kafka|postgres <data directory> <port>";

    private Infra() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        AutoCloseable server = switch (args[0]) {
            case "kafka" -> EmbeddedKafkaBroker.start(dir, port);
            case "postgres" -> EmbeddedDatabase.start(dir, port);
            default -> {
                System.err.println(USAGE);
                System.exit(2);
                yield null;
            }
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "infra-shutdown"));
        System.out.println("READY " + args[0] + " on 127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
