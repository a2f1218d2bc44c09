package dev.framelift.enhancer.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.chaos.FrameAudit;
import dev.framelift.enhancer.config.ClientSettings;
import dev.framelift.schema.Topics;

/** {@code framelift audit}: the exactly-once audit of {@code framelift chaos}, against any cluster. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check, as a read_committed consumer, that every frame in " + Topics.RAW + " has exactly one",
                "answer in " + Topics.ENHANCED + " or " + Topics.REJECTED + ", and that each stream's answers",
                "are in input order. Reads the three topics to their current ends; run it once",
                "the enhancer has caught up. Frames are matched by stream id and sequence, so",
                "each pair must be sent once (replayed dead letters repeat theirs).",
                "Exits 0 when the audit passes, 1 when it does not."})
final class AuditCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        final FrameAudit.Report report = FrameAudit.run(ClientSettings.consumer(options.toConfig(bootstrapServers)));
        System.out.println((report.exactlyOnceInOrder() ? "PASSED: " : "FAILED: ") + report.summary());
        return report.exactlyOnceInOrder() ? 0 : 1;
    }
}
