package dev.framelift.enhancer.chaos;

import java.io.IOException;
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
 * A bounded, self-stopping fault campaign against a real broker on loopback: a broker and one or
 * two enhancers, each a child JVM ({@code framelift broker}, {@code framelift run}), a camera
 * sending frames at a steady pace, and the faults of a {@link FaultSchedule} while the frames
 * flow. Killed or stopped processes are started again at once, as a supervisor would. When every
 * frame is sent and answered (or the plan's timeout struck), the enhancers are stopped and a
 * {@link FrameAudit} decides.
 *
 * <p>Lifecycle: {@link #run} owns every process it starts and stops all of them before it
 * returns, whatever happened; their logs stay under the work folder.
 */
public final class ChaosCampaign {
    private static final String BROKER_READY = "Kafka broker ready at";
    private static final String ENHANCER_READY = "FrameLift enhancer running";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STALL_LIMIT = Duration.ofMinutes(5);
    /**
     * How long an enhancer runs before it is killed or stopped: when the faults come faster than
     * restarts (a busy machine), a kill right after a start would only test the start.
     */
    private static final Duration MIN_UPTIME = Duration.ofSeconds(5);

    /** What happened: the plan, the fault log, the audit, and a failure if the campaign could not finish. */
    public record Report(ChaosPlan plan, List<String> timeline, long sent, FrameAudit.Report audit, double seconds,
            String failure) {
        public boolean passed() {
            return failure == null && audit != null && audit.exactlyOnceInOrder() && audit.inputs() == plan.frames()
                    && sent == plan.frames();
        }
    }

    private final ChaosPlan plan;
    private final Path work;
    private final Path models;
    private final String classPath;
    private final Consumer<String> log;
    private final List<String> timeline = new ArrayList<>();
    private final Set<ChildJvm> live = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> starts = new HashMap<>();
    private long started;
    private int port;

    /**
     * @param work      where the broker's data, the enhancers' state and every log go
     * @param classPath the class path of the child JVMs
     * @param log       progress lines, as they happen
     */
    public ChaosCampaign(ChaosPlan plan, Path work, Path models, String classPath, Consumer<String> log) {
        this.plan = plan;
        this.work = work;
        this.models = models;
        this.classPath = classPath;
        this.log = log;
    }

    /**
     * SIGKILLs every process the campaign has running, at once: for a shutdown hook when the
     * campaign itself is interrupted (Ctrl-C), so that no broker or enhancer is left behind.
     */
    public void abort() {
        for (ChildJvm child : live) {
            try {
                child.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Report run() throws IOException, InterruptedException {
        started = System.nanoTime();
        port = freePort();
        note("campaign: " + plan.describe());
        ChildJvm broker = null;
        Enhancers enhancers = null;
        ChaosCamera camera = null;
        String failure = null;
        FrameAudit.Report audit = null;
        try {
            broker = startBroker();
            TopicSetup.createMissing(enhancerConfig());
            enhancers = new Enhancers();
            enhancers.startPrimary();
            camera = new ChaosCamera(bootstrap(), plan);
            camera.start();
            for (FaultSchedule.Fault fault : FaultSchedule.of(plan)) {
                awaitFrames(camera, fault.afterFrames());
                Thread.sleep(fault.delayMillis());
                broker = strike(fault.kind(), broker, enhancers);
            }
            camera.join(Math.max(1, remaining().toMillis()));
            failure = camera.failure() != null ? "the camera could not send: " + camera.failure() : null;
            if (failure == null) {
                failure = awaitAnswers();
            }
            enhancers.stopAll();
            audit = FrameAudit.run(clientSettings());
            note("audit: " + audit.summary());
        } catch (IllegalStateException e) {
            failure = e.getMessage();
            note("failed: " + failure);
        } finally {
            if (camera != null) {
                camera.halt();
            }
            if (enhancers != null) {
                enhancers.closeAll();
            }
            if (broker != null) {
                broker.close();
            }
        }
        return new Report(plan, List.copyOf(timeline), camera == null ? 0 : camera.sent(), audit, seconds(), failure);
    }

    private ChildJvm strike(FaultSchedule.Kind kind, ChildJvm broker, Enhancers enhancers)
            throws IOException, InterruptedException {
        switch (kind) {
            case KILL -> enhancers.killAndRestart();
            case STOP -> enhancers.stopPastSessionTimeout();
            case JOIN -> enhancers.startSecond();
            case LEAVE -> enhancers.stopSecond();
            case BROKER_RESTART -> {
                boolean crash = starts.getOrDefault("broker", 0) > 1;
                note((crash ? "SIGKILL" : "SIGTERM") + " the broker");
                if (crash) {
                    broker.kill();
                } else {
                    broker.terminate(Duration.ofMinutes(1));
                }
                broker.close();
                return startBroker();
            }
        }
        return broker;
    }

    /** The enhancer instances: the primary, killed, stopped and restarted; the second, which joins and leaves. */
    private final class Enhancers {
        private ChildJvm primary;
        private long primaryStarted;
        private ChildJvm second;

        void startPrimary() throws IOException, InterruptedException {
            primary = startEnhancer("a");
            primaryStarted = System.nanoTime();
        }

        private void awaitUptime() throws InterruptedException {
            long wait = MIN_UPTIME.toNanos() - (System.nanoTime() - primaryStarted);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
        }

        void killAndRestart() throws IOException, InterruptedException {
            awaitUptime();
            note("SIGKILL enhancer a (pid " + primary.pid() + ")");
            primary.kill();
            startPrimary();
        }

        void stopPastSessionTimeout() throws IOException, InterruptedException {
            awaitUptime();
            Duration pause = ChaosPlan.SESSION_TIMEOUT.plusSeconds(6);
            note("SIGSTOP enhancer a (pid " + primary.pid() + ") for " + pause.toSeconds() + " s");
            primary.pause();
            Thread.sleep(pause.toMillis());
            primary.resume();
            note("SIGCONT enhancer a");
        }

        void startSecond() throws IOException, InterruptedException {
            second = startEnhancer("b");
        }

        void stopSecond() throws InterruptedException {
            note("SIGTERM enhancer b (it leaves)");
            second.close();
            second = null;
        }

        void stopAll() throws InterruptedException {
            for (ChildJvm enhancer : new ChildJvm[] {second, primary}) {
                if (enhancer != null && enhancer.isAlive()) {
                    int exit = enhancer.terminate(Duration.ofMinutes(2));
                    note("SIGTERM " + enhancer + ": exit " + exit);
                }
            }
        }

        void closeAll() throws InterruptedException {
            for (ChildJvm enhancer : new ChildJvm[] {second, primary}) {
                if (enhancer != null) {
                    enhancer.close();
                }
            }
        }
    }

    private ChildJvm startBroker() throws IOException, InterruptedException {
        int n = starts.merge("broker", 1, Integer::sum);
        ChildJvm broker = ChildJvm.start("broker", work.resolve("logs/broker-" + n + ".log"), classPath,
                List.of("-Xmx512m"), List.of("broker", "--port", String.valueOf(port), "--dir", work.resolve("kafka").toString()),
                BROKER_READY, START_TIMEOUT);
        live.add(broker);
        note("broker up (start " + n + ", pid " + broker.pid() + ")");
        return broker;
    }

    private ChildJvm startEnhancer(String name) throws IOException, InterruptedException {
        int n = starts.merge(name, 1, Integer::sum);
        List<String> arguments = new ArrayList<>(List.of("run", "--bootstrap-servers", bootstrap(), "--models", models.toString()));
        enhancerSettings(name).forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
        ChildJvm enhancer = ChildJvm.start("enhancer-" + name, work.resolve("logs/enhancer-" + name + "-" + n + ".log"),
                classPath, List.of("-Xmx1g"), arguments, ENHANCER_READY, START_TIMEOUT);
        live.add(enhancer);
        note("enhancer " + name + " running (start " + n + ", pid " + enhancer.pid() + ")");
        return enhancer;
    }

    /** Every enhancer shares the application id; each instance has its own state folder. */
    private Map<String, String> enhancerSettings(String instance) {
        Map<String, String> settings = new HashMap<>();
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
        Map<String, String> settings = enhancerSettings("setup");
        settings.put(EnhancerConfig.BOOTSTRAP_SERVERS, bootstrap());
        return new EnhancerConfig(settings);
    }

    private void awaitFrames(ChaosCamera camera, long frames) throws InterruptedException {
        while (camera.sent() < frames && camera.isAlive()) {
            checkTime();
            Thread.sleep(100);
        }
    }

    /** Waits until every input has an output; null, or why not. */
    private String awaitAnswers() throws InterruptedException {
        long answered = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            checkTime();
            FrameAudit.Report audit = FrameAudit.run(clientSettings());
            long now = audit.inputs() - audit.lost();
            if (audit.lost() == 0) {
                note("every frame answered: " + audit.enhanced() + " enhanced, " + audit.rejected() + " rejected");
                return null;
            }
            if (now > answered) {
                answered = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                return "no progress for " + STALL_LIMIT.toMinutes() + " minutes with " + audit.lost() + " frame(s) unanswered";
            }
            Thread.sleep(5_000);
        }
    }

    private Properties clientSettings() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return p;
    }

    private void checkTime() {
        if (remaining().isNegative()) {
            throw new IllegalStateException("the campaign ran past its " + plan.timeout().toMinutes() + "-minute limit");
        }
    }

    private Duration remaining() {
        return plan.timeout().minusNanos(System.nanoTime() - started);
    }

    private String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void note(String line) {
        String stamped = String.format("%7.1f s  %s", seconds(), line);
        timeline.add(stamped);
        log.accept(stamped);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
