/**
 * The enhancer's Prometheus metrics, through Micrometer: {@link dev.framelift.enhancer.metrics.FrameMetrics}
 * counts and times what this instance did with each frame (it is the topology's
 * {@link dev.framelift.enhancer.stream.FrameObserver}), and {@link dev.framelift.enhancer.metrics.ServiceMetrics}
 * owns the registry with the JVM, Kafka Streams and active-model meters beside them. The
 * gateway serves {@link dev.framelift.enhancer.metrics.ServiceMetrics#scrape()} at {@code /metrics}.
 *
 * <p>Per-instance meters add up across enhancers (sum by stream); the per-stream
 * last-frame timestamp is aggregated with max, so a camera that stops sending shows as a
 * growing {@code time() - max by (stream) (framelift_stream_last_frame_timestamp_seconds)}.
 */
package dev.framelift.enhancer.metrics;
