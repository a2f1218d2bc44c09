package dev.framelift.enhancer.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bounded, self-stopping fault campaign against a real broker on loopback: a
 * {@link ChaosCluster} of child JVMs ({@code framelift broker}, {@code framelift run}), a camera
 * sending frames at a steady pace, and the faults of a {@link FaultSchedule} while the frames
 * flow. Killed or stopped processes are started again at once, as a supervisor would. When every
 * frame is sent and answered (or the plan's timeout struck), the enhancers are stopped and a
 * {@link FrameAudit} decides.
 *
 * <p>Lifecycle: {@link #run} owns every process it starts and stops all of them before it
 * returns, whatever happened; their logs stay under the work folder.
 */
public final class ChaosCampaign {
    private static final Duration STALL_LIMIT = Duration.ofMinutes(5);

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
    private volatile ChaosCluster cluster;
    private long started;

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
        final ChaosCluster running = cluster;
        if (running != null) {
            running.abort();
        }
    }

    public Report run() throws IOException, InterruptedException {
        started = System.nanoTime();
        note("campaign: " + plan.describe());
        ChaosCamera camera = null;
        String failure = null;
        FrameAudit.Report audit = null;
        try (ChaosCluster processes = new ChaosCluster(work, models, classPath, this::note)) {
            cluster = processes;
            processes.start();
            camera = new ChaosCamera(processes.bootstrap(), plan);
            camera.start();
            for (FaultSchedule.Fault fault : FaultSchedule.of(plan)) {
                awaitFrames(camera, fault.afterFrames());
                Thread.sleep(fault.delayMillis());
                strike(fault.kind(), processes);
            }
            camera.join(Math.max(1, remaining().toMillis()));
            failure = camera.failure() != null ? "the camera could not send: " + camera.failure() : null;
            if (failure == null) {
                failure = awaitAnswers(processes);
            }
            processes.stopEnhancers();
            audit = FrameAudit.run(processes.clientSettings());
            note("audit: " + audit.summary());
        } catch (IllegalStateException e) {
            failure = e.getMessage();
            note("failed: " + failure);
        } finally {
            if (camera != null) {
                camera.halt();
            }
        }
        return new Report(plan, List.copyOf(timeline), camera == null ? 0 : camera.sent(), audit, seconds(), failure);
    }

    private static void strike(FaultSchedule.Kind kind, ChaosCluster processes) throws IOException, InterruptedException {
        switch (kind) {
            case KILL -> processes.killAndRestartPrimary();
            case STOP -> processes.stopPrimaryPastSessionTimeout();
            case JOIN -> processes.startSecond();
            case LEAVE -> processes.stopSecond();
            case BROKER_RESTART -> processes.restartBroker();
        }
    }

    private void awaitFrames(ChaosCamera camera, long frames) throws InterruptedException {
        while (camera.sent() < frames && camera.isAlive()) {
            checkTime();
            Thread.sleep(100);
        }
    }

    /** Waits until every input has an output; null, or why not. */
    private String awaitAnswers(ChaosCluster processes) throws InterruptedException {
        long answered = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            checkTime();
            final FrameAudit.Report audit = FrameAudit.run(processes.clientSettings());
            final long now = audit.inputs() - audit.lost();
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

    private void checkTime() {
        if (remaining().isNegative()) {
            throw new IllegalStateException("the campaign ran past its " + plan.timeout().toMinutes() + "-minute limit");
        }
    }

    private Duration remaining() {
        return plan.timeout().minusNanos(System.nanoTime() - started);
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private synchronized void note(String line) {
        final String stamped = String.format("%7.1f s  %s", seconds(), line);
        timeline.add(stamped);
        log.accept(stamped);
    }
}
