package dev.framelift.enhancer.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * One KRaft node acting as broker and controller, listening on loopback.
 *
 * <p>Lifecycle: {@link #start} formats the log directory (once; a restarted broker on the same
 * directory keeps its topics) and returns when the broker accepts clients; {@link #close} shuts
 * it down and waits. Not restartable: start a new instance on the same directory instead.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker.
     *
     * @param port            the client port on 127.0.0.1; 0 picks a free one
     * @param logDir          where the log segments live; created if missing
     * @param maxMessageBytes the broker's {@code message.max.bytes}
     */
    public static EmbeddedKafkaBroker start(int port, Path logDir, int maxMessageBytes) throws IOException {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Files.createDirectories(logDir);
        Map<String, String> props = properties(clientPort, controllerPort, logDir, maxMessageBytes);
        Path configFile = logDir.resolve("server.properties");
        writeProperties(props, configFile);
        format(configFile);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, clientPort);
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Map<String, String> properties(int clientPort, int controllerPort, Path logDir, int maxMessageBytes) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The 128 MiB default dedupe buffer would dominate a small broker's heap.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("message.max.bytes", String.valueOf(maxMessageBytes));
        p.put("replica.fetch.max.bytes", String.valueOf(maxMessageBytes));
        return p;
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "--standalone", "--ignore-formatted",
                    "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()}, out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the KRaft log directory failed: "
                    + captured.toString(StandardCharsets.UTF_8));
        }
    }

    private static void writeProperties(Map<String, String> props, Path file) throws IOException {
        Properties properties = new Properties();
        properties.putAll(props);
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "FrameLift embedded KRaft broker");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
