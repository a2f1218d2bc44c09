/**
 * {@code framelift bench}: measures the machine against its own ceilings. {@link
 * dev.framelift.enhancer.bench.BenchSuite} runs, in order, the float32 MatMul ceiling, every model
 * alone at batch 1, 4 and 16 (FLOPs per frame counted from the graph), the host path per stage and
 * per output encoding, the whole Kafka path with many streams and one per output encoding ({@link
 * dev.framelift.enhancer.bench.Benchmark}) with latency from capture time at a share of its maximum
 * rate ({@link dev.framelift.enhancer.bench.LatencyProbe}), the resident memory of the enhancer as
 * its own process with an optional soak ({@link dev.framelift.enhancer.bench.EnhancerMemory}), and
 * FFmpeg's scalers, and renders the report as Markdown. Quality and speed claims in the READMEs come from here, not from timed tests.
 */
package dev.framelift.enhancer.bench;
