package dev.framelift.enhancer.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's report as Markdown: what it ran on and how it was started, then one table per
 * measurement. The same text is printed and written to {@code BENCHMARKS.md}.
 */
final class BenchReport {
    private final StringBuilder md = new StringBuilder();

    BenchReport(String command, boolean quick, String device) {
        md.append("# FrameLift benchmark\n\n");
        if (quick) {
            md.append("**Quick run**: small frames, few repetitions; it checks that the benchmark works, its figures "
                    + "are not the machine's.\n\n");
        }
        md.append("| | |\n|---|---|\n");
        row("command", "`" + command + "`");
        row("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        row("CPU", MachineInfo.cpu());
        row("memory", MachineInfo.memory());
        row("software", MachineInfo.system());
        row("inference device", device);
        row("load average at start", MachineInfo.loadAverage() + " (1, 5, 15 min; other work on the machine "
                + "shares its cores)");
        md.append('\n');
    }

    /** @param ceiling the fastest run: what the model rows are set against */
    void ceiling(Map<Integer, Stats> products, double ceiling) {
        md.append("## 1. Ceiling: float32 MatMul in TensorFlow\n\n")
                .append("Square products on the models' thread pools, operands in the graph, nothing copied. The "
                        + "ceiling is the fastest run (other work on the machine only slows runs down): "
                        + String.format("**%.1f GFLOP/s**", ceiling) + ".\n\n")
                .append("| product | GFLOP/s, median (min-max) |\n|---|---|\n");
        products.forEach((n, gflops) -> md.append(String.format("| %dx%d x %dx%d | %s |%n", n, n, n, n,
                gflops.medianAndRange("%.1f"))));
        md.append('\n');
    }

    void models(List<ModelSpeed.Row> rows, double ceilingGflops) {
        md.append("## 2. Models: inference alone\n\n")
                .append("One session run per batch, distinct frames; ms/frame is the median batch time over the batch "
                        + "size (min-max over runs). GFLOP/frame counts the convolutions and matrix products of the "
                        + "graph at that size (2 FLOPs per multiply-add).\n\n")
                .append("| model | task | architecture | parameters | input | batch | ms/frame | frames/s | GFLOP/frame "
                        + "| GFLOP/s | of ceiling |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ModelSpeed.Row r : rows) {
            md.append(String.format("| %s | %s | %s | %,d | %dx%d | %d | %s | %.2f | %.2f | %.1f | %.0f%% |%n",
                    r.model(), r.task(), r.architecture(), r.parameters(), r.width(), r.height(), r.batch(),
                    r.msPerFrame().medianAndRange("%.1f"), r.framesPerSecond(), r.gflopPerFrame(),
                    r.achievedGflops(), 100 * r.achievedGflops() / ceilingGflops));
        }
        md.append('\n');
    }

    void hostPath(HostPath.Result host) {
        md.append("## 3. Host path: one frame, one core\n\n")
                .append("CPU time of the calling thread per frame, median (min-max); wall time and the heap allocated per frame beside it. Input: "
                        + "640x360 JPEG camera frames; output: 1280x720.\n\n")
                .append("| stage | CPU ms | wall ms | heap allocated, KiB |\n|---|---|---|---|\n");
        stage(host.avroDecode());
        stage(host.imageDecode());
        for (HostPath.Output out : host.outputs()) {
            stage(out.encode());
            stage(out.avroEncode());
        }
        md.append("\nPer output encoding: the whole host path (Avro decode + image decode + encode + Avro encode, "
                        + "CPU ms), the rate one stream thread could sustain on it alone, and the encoder's throughput "
                        + "with 1 and " + HostPath.CONCURRENT + " threads at once (wall, frames/s).\n\n")
                .append("| output | bytes | host path ms | one stream, frames/s | encode, 1 thread | encode, "
                        + HostPath.CONCURRENT + " threads | " + HostPath.CONCURRENT + " ÷ 1 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (HostPath.Output out : host.outputs()) {
            md.append(String.format("| %s | %,d | %.1f | %.1f | %.1f | %.1f | %.2f |%n", out.encoding(), out.bytes(),
                    out.hostMs(), out.singleStreamFps(), out.oneThreadFps(), out.concurrentFps(),
                    out.concurrentFps() / out.oneThreadFps()));
        }
        md.append('\n');
    }

    private void stage(HostPath.Stage stage) {
        md.append(String.format("| %s | %s | %.2f | %,.0f |%n", stage.name(), stage.cpuMs().medianAndRange("%.2f"),
                stage.wallMs().p50(), stage.allocatedKib()));
    }

    void endToEnd(List<Benchmark.Result> runs) {
        md.append("## 4. End to end through a real broker\n\n")
                .append("Frames pre-loaded into `frames.raw` as JPEG records, spread over the given number of "
                        + "streams (keys), drained by the enhancer (exactly-once) into `frames.enhanced`, read back "
                        + "read_committed, in the given output encoding; rate over the span the enhancer worked on them, "
                        + "read from the records (the first frame's enhanced time less its stage times, to the last "
                        + "enhanced time); "
                        + "per-frame stage times are medians (wall, on the stream thread). "
                        + "Inference only: the same frames fed to the engine's batcher by as many threads as it has "
                        + "stream threads.\n\n")
                .append("| streams | output | task | input | frames | inference only, frames/s | end to end, frames/s | ratio "
                        + "| mean batch | decode ms | queued ms | inference ms (batch) | encode ms |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Benchmark.Result r : runs) {
            md.append(String.format("| %d | %s | %s | %dx%d | %d | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f |%n",
                    r.streams(), r.outputEncoding(), r.task(), r.width(), r.height(), r.frames(), r.inferenceFps(),
                    r.endToEndFps(), r.ratio(), r.meanBatch(), r.decodeMs().p50(), r.queuedMs().p50(),
                    r.inferenceMs().p50(), r.encodeMs().p50()));
        }
        md.append('\n');
        if (runs.stream().noneMatch(r -> !r.latency().isEmpty())) {
            return;
        }
        md.append("### Latency from capture time\n\n")
                .append("After each run above, the same enhancer is offered frames open loop at a share of that run's "
                        + "maximum rate (its end-to-end rate, or inference alone where that is lower): the capture time is the moment of sending, as the Frame schema defines "
                        + "it; latency is until the enhanced record is readable read_committed (exactly-once commits "
                        + "included). Delivered: the rate that came back; rejected: frames answered on `frames.rejected` "
                        + "instead (e.g. their deadline passed), not in the percentiles.\n\n")
                .append("| streams | output | offered | frames/s offered | delivered | frames | rejected | p50 ms | p95 ms "
                        + "| p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Benchmark.Result r : runs) {
            for (LatencyProbe.Point p : r.latency()) {
                md.append(String.format("| %d | %s | %.0f%% of max | %.2f | %.2f | %d | %d | %.0f | %.0f | %.0f | %.0f |%n",
                        r.streams(), r.outputEncoding(), 100 * p.share(), p.offeredFps(), p.deliveredFps(), p.frames(),
                        p.rejected(),
                        p.latencyMs().p50(), p.latencyMs().p95(), p.latencyMs().p99(), p.latencyMs().max()));
            }
        }
        md.append('\n');
    }

    /**
     * @param enhancer  the enhancer's own process, or null when it was not measured
     * @param chartFile the soak chart's file name beside the report, or null
     * @param budgetMib the memory target the report states
     */
    void memory(EnhancerMemory.Result enhancer, String chartFile, double budgetMib, List<BenchSuite.MemoryPoint> points) {
        md.append("## 5. Memory\n\n");
        if (enhancer != null) {
            md.append(String.format("### The enhancer's own process%n%n`framelift run` started as its own process "
                    + "(pid %d: the main class, class path, JVM flags and environment this benchmark was started "
                    + "with, the configured models, HTTP gateway off) against the benchmark's broker; "
                    + "%s %dx%d JPEG frames over %d streams at the rate it sustains, output %s. From "
                    + "`/proc/PID/status`: VmRSS (resident now) and VmHWM (peak resident); the heap from its GC "
                    + "log (in use after the last collection, and committed). Target: under %.0f MiB. It ran with %s.%n%n",
                    enhancer.pid(), enhancer.task(), enhancer.width(), enhancer.height(), enhancer.streams(),
                    enhancer.outputEncoding(), budgetMib, enhancer.settings()))
                    .append("| when | frames so far | resident (VmRSS) | peak (VmHWM) | heap used after GC | heap committed |\n"
                            + "|---|---|---|---|---|---|\n");
            for (EnhancerProcess.Sample s : enhancer.moments()) {
                md.append(String.format("| %s | %,d | %s | %s | %s | %s |%n", s.when(), s.frames(), mib(s.residentMib()),
                        mib(s.peakMib()), mib(s.heapAfterGcMib()), mib(s.heapCommittedMib())));
            }
            md.append('\n');
            if (!enhancer.rejected().isEmpty()) {
                md.append("Frames answered on `frames.rejected` instead of enhanced (the machine could not keep up): ")
                        .append(enhancer.rejected()).append(".\n\n");
            }
            if (!enhancer.soak().isEmpty()) {
                soak(enhancer, chartFile);
            }
        }
        if (points.isEmpty()) {
            return;
        }
        md.append("### The benchmark process\n\n")
                .append("Resident memory of the benchmark process itself after each section: it holds the embedded broker (unless "
                        + "--bootstrap-servers named one), the models loaded alone in section 2 (batches of 16 included) and the enhancer of section 4 "
                        + "together; it is not the enhancer's own.\n\n")
                .append("| after | resident (VmRSS) | peak so far (VmHWM) |\n|---|---|---|\n");
        for (BenchSuite.MemoryPoint point : points) {
            md.append(String.format("| %s | %s | %s |%n", point.when(), mib(point.residentMib()), mib(point.peakMib())));
        }
        md.append('\n');
    }

    private void soak(EnhancerMemory.Result enhancer, String chartFile) {
        final List<EnhancerProcess.Sample> curve = enhancer.soak();
        final EnhancerProcess.Sample last = curve.get(curve.size() - 1);
        md.append(String.format("### Soak: %,d frames%n%n", last.frames()))
                .append(String.format("Resident memory over the last half of the soak grows by **%s MiB per 1,000 "
                        + "frames** (least-squares slope); peak resident %s.%n%n",
                        Double.isNaN(enhancer.slopeMibPerThousand()) ? "unknown"
                                : String.format("%+.1f", enhancer.slopeMibPerThousand()), mib(last.peakMib())));
        if (chartFile != null) {
            md.append("![The enhancer's memory over the soak](").append(chartFile).append(")\n\n");
        }
        md.append("| soak frames | seconds since start | resident MiB | peak MiB | heap used after GC, MiB | heap committed, MiB |\n"
                + "|---|---|---|---|---|---|\n");
        for (EnhancerProcess.Sample s : curve) {
            md.append(String.format("| %,d | %.0f | %.0f | %.0f | %s | %s |%n", s.frames(), s.seconds(), s.residentMib(),
                    s.peakMib(), s.heapAfterGcMib() < 0 ? "-" : String.format("%.0f", s.heapAfterGcMib()),
                    s.heapCommittedMib() < 0 ? "-" : String.format("%.0f", s.heapCommittedMib())));
        }
        md.append('\n');
    }

    private static String mib(double value) {
        return value < 0 ? "unknown" : String.format("%.0f MiB", value);
    }

    void scalers(List<FfmpegScalers.Row> rows) {
        md.append("## 6. For context: FFmpeg's scalers\n\n")
                .append(String.format("The upscale any user already has: libswscale (the FFmpeg the footage commands use) "
                        + "from %dx%d RGB to %dx%d on one thread, pixels copied in and out; CPU ms per frame.%n%n",
                        FfmpegScalers.IN_W, FfmpegScalers.IN_H, FfmpegScalers.OUT_W, FfmpegScalers.OUT_H))
                .append("| scaler | CPU ms/frame | frames/s, one core |\n|---|---|---|\n");
        for (FfmpegScalers.Row row : rows) {
            md.append(String.format("| %s | %s | %.0f |%n", row.scaler(), row.cpuMs().medianAndRange("%.2f"),
                    row.framesPerSecond()));
        }
        md.append('\n');
    }

    void note(String text) {
        md.append(text).append("\n\n");
    }

    String render() {
        return md + "Load average at the end: " + MachineInfo.loadAverage() + ".\n";
    }

    private void row(String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }
}
