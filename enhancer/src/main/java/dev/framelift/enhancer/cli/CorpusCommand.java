package dev.framelift.enhancer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.corpus.CorpusCase;
import dev.framelift.enhancer.corpus.CorpusLimits;
import dev.framelift.enhancer.corpus.CorpusWriter;
import dev.framelift.enhancer.corpus.CraftedImages;
import dev.framelift.enhancer.corpus.FrameFuzzer;
import dev.framelift.enhancer.corpus.HostileCorpus;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.serde.FrameLiftSerdes;

/** {@code framelift corpus}: the hostile-input corpus and fuzz cases as files, to send with kcat. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = {"Write the hostile-input corpus (and optional fuzz cases) as files to send to a running enhancer with kcat.",
                "Cases are built against the enhancer settings given here (--set, --config, FRAMELIFT_*), so use the same ones as for run.",
                "Writes <key>.bin per case, canary.bin, expected.tsv (the answer each case must get) and send.sh."})
final class CorpusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--fuzz", defaultValue = "0", paramLabel = "N", description = "Also write N mutated frames (default: ${DEFAULT-VALUE}).")
    int fuzz;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fuzz cases (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--large-side", defaultValue = "256", paramLabel = "PX",
            description = {"Side of the large legitimate images (16-bit RGBA and gray + alpha PNGs, colorized) "
                    + "(default: ${DEFAULT-VALUE}).", "Up to sqrt(image.max.pixels) to try them at the pixel limit; "
                    + "they must be enhanced within frame.deadline.ms, so allow for your hardware."})
    int largeSide;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        final EnhancerConfig config = options.toConfig(null);
        final List<CorpusCase> cases = new ArrayList<>(HostileCorpus.cases(CorpusLimits.of(config, largeSide)));
        cases.addAll(new FrameFuzzer(seed).cases(0, fuzz));
        final int files = CorpusWriter.write(out, cases, canary(), config.messageMaxBytes());
        System.out.printf("wrote %d cases (%d files) to %s%nsend them: %s/send.sh %s%n", cases.size(), files, out, out,
                config.bootstrapServers());
        return 0;
    }

    private static byte[] canary() {
        return FrameLiftSerdes.frameCodec().encode(Frame.newBuilder().setStreamId("canary").setSequence(0)
                .setCaptureTime(java.time.Instant.now()).setTask(Tasks.SR_X2).setEncoding(Encoding.PNG)
                .setPayload(java.nio.ByteBuffer.wrap(CraftedImages.png(CraftedImages.pattern(32, 24, 3, 0))))
                .setAttributes(java.util.Map.of()).build());
    }
}
