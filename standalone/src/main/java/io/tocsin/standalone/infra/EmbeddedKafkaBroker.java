package io.tocsin.standalone.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside this JVM, with its log on disk.
 *
 * <p>The log directory is formatted once (when it has no {@code meta.properties}) and reused on every later start,
 * so topics, records and committed consumer offsets survive a restart, also on other ports. Kafka guards the
 * directory with an OS file lock ({@code .lock}): the kernel drops it when the process dies, so a start after
 * {@code kill -9} needs no cleanup (Kafka recovers the unflushed tail of the log itself). Kafka only takes that lock
 * once the controller has already opened (and possibly truncated) the metadata log, though, so a second broker on the
 * same directory would corrupt the running one (seen: the first JVM halted on a CorruptRecordException). This class
 * therefore takes its own OS lock ({@value #INSTANCE_LOCK}) before Kafka touches anything.
 *
 * <p>Everything listens on 127.0.0.1 only. Close the clients (Spring contexts) before the broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String LOOPBACK = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";
    /** Held (OS file lock) for the broker's lifetime; Kafka ignores plain files at the top of a log directory. */
    static final String INSTANCE_LOCK = "embedded-broker.lock";
    /** Directories locked by this JVM: a second channel on a locked file must not even be opened (and closed). */
    private static final Set<Path> LOCKED = new HashSet<>();
    /** Attempts when a port picked as free is taken by someone else before Kafka binds it. */
    private static final int BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final DirectoryLock lock;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, int port, DirectoryLock lock) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.lock = lock;
    }

    /**
     * Starts a broker whose log lives in {@code dataDir} (created if missing).
     *
     * @param port the client port on 127.0.0.1, or 0 for a free one; the controller port is always picked free
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        long startedAt = System.nanoTime();
        DirectoryLock lock = DirectoryLock.acquire(dir);
        try {
            EmbeddedKafkaBroker broker = startLocked(dir, port, lock);
            log.info("Kafka broker started on {} with log in {} in {} ms",
                    broker.bootstrapServers(), dir, (System.nanoTime() - startedAt) / 1_000_000);
            return broker;
        } catch (RuntimeException | Error e) {
            lock.release();
            throw e;
        }
    }

    private static EmbeddedKafkaBroker startLocked(Path dir, int port, DirectoryLock lock) {
        try {
            formatIfNeeded(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka log directory " + dir, e);
        }
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort(clientPort);
            KafkaRaftServer server = new KafkaRaftServer(
                    KafkaConfig.fromProps(brokerProperties(dir, clientPort, controllerPort), false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                shutDownQuietly(server);
                lastFailure = e;
                if (port == 0 && isAddressInUse(e) && attempt < BIND_ATTEMPTS) {
                    log.debug("Port {} or {} was taken meanwhile, picking others", clientPort, controllerPort);
                    continue;
                }
                throw new IllegalStateException("Kafka broker did not start on " + dir, e);
            }
            return new EmbeddedKafkaBroker(server, dir, clientPort, lock);
        }
        throw new IllegalStateException("Kafka broker did not start on " + dir, lastFailure);
    }

    /** Where clients connect, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return LOOPBACK + ":" + port;
    }

    /** Stops the broker and waits until it has flushed and released its log directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            lock.release();
        }
        log.info("Kafka broker on {} stopped", dataDir);
    }

    static Properties brokerProperties(Path dir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + LOOPBACK + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());

        // one node: every replicated thing has exactly one replica
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");

        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "4");

        // Kafka normally acknowledges a write once it is in the OS page cache and counts on the other replicas
        // for durability. Here there is no other replica: a power cut or hard reboot right after the ack would
        // lose records the ingest service already answered 202 for. Flushing (fsync) every append makes the
        // partition fsync before the produce response is sent, so an acked alert is on disk. (A JVM crash alone
        // loses nothing either way; the page cache outlives the process.)
        // The interval counts records but is checked once per append: at 1, one produce request's batch for a
        // partition is one append and one fsync, however many records it holds. That is the group commit ingest
        // relies on under load: its producer keeps one request in flight (max.in.flight.requests.per.connection=1,
        // ingest.yml), the records sent meanwhile go together in the next request, and each request waiting on
        // Kafka is answered only after the response to the request holding its record, which the broker sends after
        // that fsync. Many 202s per fsync, and none before it.
        p.put("log.flush.interval.messages", "1");
        return p;
    }

    private static void formatIfNeeded(Path dir) throws IOException {
        if (Files.exists(dir.resolve(META_PROPERTIES))) {
            return;
        }
        // Formatting writes the bootstrap metadata first and meta.properties last; without meta.properties the
        // broker has never run here, so leftovers are from an interrupted format and may go.
        deleteRecursively(dir.resolve("bootstrap.checkpoint"));
        deleteRecursively(dir.resolve("__cluster_metadata-0"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream formatterOutput = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(formatterOutput)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log directory " + dir, e);
        }
        log.info("Formatted Kafka log directory {}", dir);
        log.debug("Formatter said: {}", out.toString(StandardCharsets.UTF_8).strip());
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort(int... avoid) {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
                int candidate = socket.getLocalPort();
                if (java.util.Arrays.stream(avoid).noneMatch(a -> a == candidate)) {
                    return candidate;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK, e);
            }
        }
        throw new IllegalStateException("Cannot find a free port on " + LOOPBACK);
    }

    private static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static void shutDownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.debug("Ignoring failure while shutting down a broker that did not start", e);
        }
    }

    /** An OS lock on {@value #INSTANCE_LOCK}; the kernel releases it if the process dies. */
    private record DirectoryLock(Path dir, FileChannel channel, FileLock lock) {

        static DirectoryLock acquire(Path dir) {
            synchronized (LOCKED) {
                if (LOCKED.contains(dir)) {
                    throw new IllegalStateException("A Kafka broker of this JVM already runs on " + dir);
                }
                FileChannel channel = null;
                try {
                    Files.createDirectories(dir);
                    channel = FileChannel.open(dir.resolve(INSTANCE_LOCK),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        throw new IllegalStateException("Another process runs a Kafka broker on " + dir);
                    }
                    LOCKED.add(dir);
                    return new DirectoryLock(dir, channel, lock);
                } catch (IOException e) {
                    closeQuietly(channel);
                    throw new UncheckedIOException("Cannot lock the Kafka log directory " + dir, e);
                } catch (RuntimeException e) {
                    closeQuietly(channel);
                    throw e;
                }
            }
        }

        void release() {
            synchronized (LOCKED) {
                try {
                    lock.release();
                } catch (IOException e) {
                    log.debug("Cannot release the lock on {}", dir, e);
                } finally {
                    closeQuietly(channel);
                    LOCKED.remove(dir);
                }
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }
}
