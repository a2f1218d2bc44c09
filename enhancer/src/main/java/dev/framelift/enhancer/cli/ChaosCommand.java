package dev.framelift.enhancer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.chaos.ChaosCampaign;
import dev.framelift.enhancer.chaos.ChaosPlan;

/** {@code framelift chaos}: the fault campaign, on this machine, with its own broker. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Run a fault campaign on loopback, then audit that nothing was lost or doubled.",
                "A broker and enhancers run in child JVMs. While a camera sends frames over",
                "several streams, the enhancer is SIGKILLed, SIGSTOPped past its session",
                "timeout, the broker restarted, and a second enhancer joins and leaves. A",
                "read_committed audit then checks every frame came out exactly once (enhanced",
                "or rejected), in order per stream. Bounded and self-stopping; exits 0 when",
                "the audit passes, 1 when it does not."})
final class ChaosCommand implements Callable<Integer> {
    @Option(names = "--frames", defaultValue = "10000", description = "Frames to send (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--streams", defaultValue = "8", description = "Streams (keys) they are spread over (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--kills", defaultValue = "10", description = "SIGKILLs of the enhancer (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--stops", defaultValue = "1", description = "SIGSTOPs past the session timeout (default: ${DEFAULT-VALUE}).")
    int stops;

    @Option(names = "--broker-restarts", defaultValue = "2",
            description = "Broker restarts, the first clean, the others SIGKILL (default: ${DEFAULT-VALUE}).")
    int brokerRestarts;

    @Option(names = "--no-rebalance", description = "No second enhancer joining and leaving.")
    boolean noRebalance;

    @Option(names = "--rate", defaultValue = "25", description = "Frames per second the camera sends (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault moments and frames (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--timeout-minutes", defaultValue = "90", description = "Stop the campaign after this long (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the broker data and the logs go (default: a new temporary folder).")
    Path work;

    @Option(names = "--models", paramLabel = "DIR", description = "Models for the enhancers (default: the repository's models/).")
    Path models;

    @Override
    public Integer call() throws Exception {
        // the camera's and the audit's clients would report every broker restart at length; the
        // campaign says what happens, and each child process has its own log
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        final ChaosPlan plan = new ChaosPlan(frames, streams, kills, stops, brokerRestarts, !noRebalance, rate, seed,
                Duration.ofMinutes(timeoutMinutes));
        final Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("framelift-chaos");
        final Path modelsDir = models != null ? models : EnhancerOptions.defaultModelsDir();
        System.out.println("chaos: work folder " + folder + " (broker data, logs)");
        final ChaosCampaign campaign = new ChaosCampaign(plan, folder, modelsDir, System.getProperty("java.class.path"),
                System.out::println);
        final Thread abort = new Thread(campaign::abort, "chaos-abort");
        Runtime.getRuntime().addShutdownHook(abort);
        final ChaosCampaign.Report report = campaign.run();
        Runtime.getRuntime().removeShutdownHook(abort);
        System.out.println();
        System.out.printf("%s after %.0f s: %d frames sent; %s%n", report.passed() ? "PASSED" : "FAILED", report.seconds(),
                report.sent(), report.audit() == null ? "no audit" : report.audit().summary());
        if (report.failure() != null) {
            System.out.println("why: " + report.failure() + " (logs under " + folder.resolve("logs") + ")");
        }
        return report.passed() ? 0 : 1;
    }
}
