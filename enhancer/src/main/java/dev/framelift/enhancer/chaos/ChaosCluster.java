package dev.framelift.enhancer.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import dev.framelift.enhancer.app.TopicSetup;
import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * The processes of a campaign, on loopback: one broker ({@code framelift broker} on a fixed
 * port and data folder, so that it can be restarted) and up to two enhancers
 * ({@code framelift run}, one application id, one state folder each): the primary, which is
 * killed, stopped and restarted, and the second, which joins and leaves. Each operation says
 * what it did through the campaign's log.
 *
 * <p>Lifecycle: {@link #start} starts the broker, creates the topics and starts the primary;
 * {@link #close} stops every process still running (SIGTERM, then SIGKILL); {@link #abort}
 * SIGKILLs them all at once, from a shutdown hook.
 */
final class ChaosCluster implements AutoCloseable {
    private static final String BROKER_READY = "Kafka broker ready at";
    private static final String ENHANCER_READY = "FrameLift enhancer running";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /**
     * How long an enhancer runs before it is killed or stopped: when the faults come faster than
     * restarts (a busy machine), a kill right after a start would only test the start.
     */
    private static final Duration MIN_UPTIME = Duration.ofSeconds(5);

    private final Path work;
    private final Path models;
    private final String classPath;
    private final Consumer<String> note;
    private final Set<ChildJvm> live = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> starts = new HashMap<>();
    private final int port;
    private ChildJvm broker;
    private ChildJvm primary;
    private long primaryStarted;
    private ChildJvm second;

    /** @param note where each operation is told, as it happens */
    ChaosCluster(Path work, Path models, String classPath, Consumer<String> note) throws IOException {
        this.work = work;
        this.models = models;
        this.classPath = classPath;
        this.note = note;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = socket.getLocalPort();
        }
    }

    void start() throws IOException, InterruptedException {
        broker = startBroker();
        TopicSetup.createMissing(enhancerConfig());
        startPrimary();
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Consumer settings for reading the cluster (the audit). */
    Properties clientSettings() {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return p;
    }

    /** Stops the broker (SIGTERM the first time, SIGKILL after that) and starts it again on the same data. */
    void restartBroker() throws IOException, InterruptedException {
        final boolean crash = starts.getOrDefault("broker", 0) > 1;
        note.accept((crash ? "SIGKILL" : "SIGTERM") + " the broker");
        if (crash) {
            broker.kill();
        } else {
            broker.terminate(Duration.ofMinutes(1));
        }
        broker.close();
        broker = startBroker();
    }

    void killAndRestartPrimary() throws IOException, InterruptedException {
        awaitUptime();
        note.accept("SIGKILL enhancer a (pid " + primary.pid() + ")");
        primary.kill();
        startPrimary();
    }

    /** SIGSTOP of the primary for 6 s longer than its session timeout, then SIGCONT. */
    void stopPrimaryPastSessionTimeout() throws IOException, InterruptedException {
        awaitUptime();
        final Duration pause = ChaosPlan.SESSION_TIMEOUT.plusSeconds(6);
        note.accept("SIGSTOP enhancer a (pid " + primary.pid() + ") for " + pause.toSeconds() + " s");
        primary.pause();
        Thread.sleep(pause.toMillis());
        primary.resume();
        note.accept("SIGCONT enhancer a");
    }

    void startSecond() throws IOException, InterruptedException {
        second = startEnhancer("b");
    }

    void stopSecond() throws InterruptedException {
        note.accept("SIGTERM enhancer b (it leaves)");
        second.close();
        second = null;
    }

    /** SIGTERM to every enhancer still running, waiting for each to stop cleanly. */
    void stopEnhancers() throws InterruptedException {
        for (ChildJvm enhancer : new ChildJvm[] {second, primary}) {
            if (enhancer != null && enhancer.isAlive()) {
                final int exit = enhancer.terminate(Duration.ofMinutes(2));
                note.accept("SIGTERM " + enhancer + ": exit " + exit);
            }
        }
    }

    /** SIGKILLs every process at once, without waiting for anything else. */
    void abort() {
        for (ChildJvm child : live) {
            try {
                child.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ChildJvm process : new ChildJvm[] {second, primary, broker}) {
            if (process != null) {
                process.close();
            }
        }
    }

    private void startPrimary() throws IOException, InterruptedException {
        primary = startEnhancer("a");
        primaryStarted = System.nanoTime();
    }

    private void awaitUptime() throws InterruptedException {
        final long wait = MIN_UPTIME.toNanos() - (System.nanoTime() - primaryStarted);
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    private ChildJvm startBroker() throws IOException, InterruptedException {
        final int n = starts.merge("broker", 1, Integer::sum);
        final ChildJvm started = ChildJvm.start("broker", work.resolve("logs/broker-" + n + ".log"), classPath,
                List.of("-Xmx512m"), List.of("broker", "--port", String.valueOf(port), "--dir", work.resolve("kafka").toString()),
                BROKER_READY, START_TIMEOUT);
        live.add(started);
        note.accept("broker up (start " + n + ", pid " + started.pid() + ")");
        return started;
    }

    private ChildJvm startEnhancer(String name) throws IOException, InterruptedException {
        final int n = starts.merge(name, 1, Integer::sum);
        final List<String> arguments = new ArrayList<>(List.of("run", "--bootstrap-servers", bootstrap(), "--models", models.toString()));
        enhancerSettings(name).forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
        final ChildJvm started = ChildJvm.start("enhancer-" + name, work.resolve("logs/enhancer-" + name + "-" + n + ".log"),
                classPath, List.of("-Xmx1g"), arguments, ENHANCER_READY, START_TIMEOUT);
        live.add(started);
        note.accept("enhancer " + name + " running (start " + n + ", pid " + started.pid() + ")");
        return started;
    }

    /** Every enhancer shares the application id; each instance has its own state folder. */
    private Map<String, String> enhancerSettings(String instance) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(EnhancerConfig.APPLICATION_ID, "framelift-chaos");
        settings.put(EnhancerConfig.STATE_DIR, work.resolve("state-" + instance).toString());
        settings.put(EnhancerConfig.STREAM_THREADS, "4");
        settings.put(EnhancerConfig.TF_INTRA_OP_THREADS, "1");
        // the gateway is not what the campaign tests, and its start is one more thing to wait for
        settings.put(EnhancerConfig.HTTP_ENABLED, "false");
        settings.put("kafka.consumer.session.timeout.ms", String.valueOf(ChaosPlan.SESSION_TIMEOUT.toMillis()));
        settings.put("kafka.consumer.heartbeat.interval.ms", "2000");
        // a short transaction timeout, so that a killed instance's open transaction is aborted soon;
        // the frame deadline fits into it twice, as it must
        settings.put("kafka.producer.transaction.timeout.ms", "10000");
        settings.put(EnhancerConfig.FRAME_DEADLINE_MS, "5000");
        return settings;
    }

    private EnhancerConfig enhancerConfig() {
        final Map<String, String> settings = enhancerSettings("setup");
        settings.put(EnhancerConfig.BOOTSTRAP_SERVERS, bootstrap());
        return new EnhancerConfig(settings);
    }
}
