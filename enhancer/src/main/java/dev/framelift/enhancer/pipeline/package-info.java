/**
 * The per-frame path, independent of Kafka: decode and validate a {@link dev.framelift.schema.Frame},
 * convert it to what the task's model takes, run it through the shared micro-batcher (in tiles
 * when it is large), steady a colorized stream's chroma, give the output the input's form back
 * (gray, alpha) and encode the result, within the frame's
 * {@link dev.framelift.enhancer.pipeline.FrameBudget} (a deadline, and the output pixels one
 * inference, of the frame or of one tile, may produce). The stream processor and the offline
 * {@code enhance} command both use it, so they behave the same.
 */
package dev.framelift.enhancer.pipeline;
