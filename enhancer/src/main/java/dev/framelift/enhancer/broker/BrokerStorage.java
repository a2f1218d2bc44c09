package dev.framelift.enhancer.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.common.Uuid;

import kafka.tools.StorageTool;

/**
 * A broker's log directory across restarts. KRaft stamps a directory with a cluster id when it
 * is formatted; formatting it again with another id is refused ("Invalid cluster.id"), and the
 * controller's address is part of the metadata log. So the directory is formatted once, and the
 * ports and generated secrets of the first start are remembered in {@value #STATE_FILE} (mode
 * 600) and reused by every later start on the same directory.
 */
final class BrokerStorage {
    static final String STATE_FILE = "framelift-broker.properties";
    static final String CLIENT_PORT = "client.port";
    static final String CONTROLLER_PORT = "controller.port";
    static final String BROKER_PASSWORD = "broker.scram.password";
    static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
    static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final Path dir;
    private final Map<String, String> state;

    private BrokerStorage(Path dir, Map<String, String> state) {
        this.dir = dir;
        this.state = state;
    }

    /** Opens (and creates) {@code dir}, reading what an earlier start remembered. */
    static BrokerStorage open(Path dir) throws IOException {
        Files.createDirectories(dir);
        final Map<String, String> state = new TreeMap<>(read(dir.resolve(STATE_FILE)));
        if (!state.containsKey(CONTROLLER_PORT)) {
            // a directory formatted before ports were remembered: its controller address is in its config
            final String quorum = read(dir.resolve("server.properties")).get("controller.quorum.bootstrap.servers");
            if (quorum != null && quorum.matches("[^,]+:\\d+")) {
                state.put(CONTROLLER_PORT, quorum.substring(quorum.lastIndexOf(':') + 1));
            }
        }
        return new BrokerStorage(dir, state);
    }

    Path dir() {
        return dir;
    }

    /** Whether KRaft has formatted this directory already. */
    boolean formatted() {
        return Files.exists(dir.resolve("meta.properties"));
    }

    boolean remembers(String key) {
        return state.containsKey(key);
    }

    /** The remembered value of {@code key}, or {@code fresh} remembered from now on. */
    String remember(String key, java.util.function.Supplier<String> fresh) {
        return state.computeIfAbsent(key, k -> fresh.get());
    }

    /** The remembered port of {@code key}, or a free loopback port remembered from now on. */
    int port(String key) {
        return Integer.parseInt(remember(key, () -> String.valueOf(freePort())));
    }

    void rememberPort(String key, int port) {
        state.put(key, String.valueOf(port));
    }

    /** Writes what is remembered. */
    void save() throws IOException {
        writeSecret(dir.resolve(STATE_FILE), state, "FrameLift broker: ports and generated secrets of this directory");
    }

    /**
     * Formats the directory for a single-node KRaft cluster, with the broker's own SCRAM user, unless
     * it is formatted already.
     */
    void formatOnce(Path configFile, String brokerPassword) {
        if (formatted()) {
            return;
        }
        final List<String> args = new ArrayList<>(List.of("format", "--standalone", "-t", Uuid.randomUuid().toString(),
                "-c", configFile.toString(), "--add-scram",
                BrokerSecurity.SCRAM_MECHANISM + "=[name=" + BrokerSecurity.BROKER_USER + ",password=" + brokerPassword + "]"));
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int rc;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args.toArray(String[]::new), out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the KRaft log directory " + dir + " failed: "
                    + captured.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** A random password of letters and digits (safe inside JAAS and StorageTool arguments). */
    static String newPassword() {
        final StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return password.toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** Writes a properties file readable by its owner only (it may hold passwords). */
    static void writeSecret(Path file, Map<String, String> props, String comment) throws IOException {
        final Properties properties = new Properties();
        properties.putAll(props);
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties.store(out, comment);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> read(Path file) throws IOException {
        final Map<String, String> values = new TreeMap<>();
        if (Files.exists(file)) {
            final Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            properties.forEach((k, v) -> values.put(k.toString(), v.toString()));
        }
        return values;
    }
}
