package dev.framelift.enhancer.cli;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.replay.DeadLetterReplay;
import dev.framelift.enhancer.replay.ReplayFilter;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Topics;

/** {@code framelift replay}: dead letters back into the stream, once their cause is fixed. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-submit rejected frames to " + Topics.RAW + " once their cause is fixed.",
                "Their original key and bytes go back, in the order they were rejected.",
                "Each dead letter goes back at most once over any number of runs: what",
                "was sent is recorded in " + Topics.REPLAYED + ", in the same transaction.",
                "A frame rejected again is a new dead letter, which a later run can replay."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--reason", required = true, paramLabel = "R",
            description = "Replay dead letters with this reason, one of: ${COMPLETION-CANDIDATES}.")
    RejectReason reason;

    @Option(names = "--stream", paramLabel = "S", description = "Only this stream id.")
    String stream;

    @Option(names = "--since", paramLabel = "T", description = "Only those rejected at or after T: 2026-11-29T08:00:00Z, "
            + "2026-11-29T08:00 (local), 2026-11-29, or a time ago: 90m, 2h, 1d.")
    String since;

    @Option(names = "--dry-run", description = "Count what would be replayed; send nothing.")
    boolean dryRun;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        final ReplayFilter filter = new ReplayFilter(reason, Optional.ofNullable(stream),
                Optional.ofNullable(since).map(text -> ReplayFilter.since(text, Instant.now())));
        final EnhancerConfig config = options.toConfig(bootstrapServers);
        final ProgressLine progress = new ProgressLine("replay: dead letters read", 0);
        final DeadLetterReplay.Summary s = new DeadLetterReplay(config, filter).run(dryRun, n -> {
            if (n % 100 == 0) {
                progress.update(n, null);
            }
        });
        progress.finish();
        System.out.printf("%s %d of %d dead letter(s) with reason %s%s%s to %s (%d read; %d replayed before; "
                        + "%d without original bytes%s)%n",
                dryRun ? "would replay" : "replayed", s.sent(), s.matched(), filter.reason(),
                stream != null ? " of stream " + stream : "", since != null ? " since " + filter.since().get() : "",
                Topics.RAW, s.scanned(), s.replayedBefore(), s.withoutBytes(),
                s.unreadable() > 0 ? "; " + s.unreadable() + " unreadable" : "");
        return 0;
    }
}
