/**
 * {@code framelift bench}: measures the machine against its own ceilings. {@link
 * dev.framelift.enhancer.bench.BenchSuite} runs, in order, the float32 MatMul ceiling, every model
 * alone at batch 1, 4 and 16 (FLOPs per frame counted from the graph), the host path per stage and
 * per output encoding, the whole Kafka path with many streams and one ({@link
 * dev.framelift.enhancer.bench.Benchmark}), and the resident memory, and renders the report as
 * Markdown. Quality and speed claims in the READMEs come from here, not from timed tests.
 */
package dev.framelift.enhancer.bench;
