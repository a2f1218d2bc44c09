/**
 * Per-stream state that makes a video look like a video: the
 * {@link dev.framelift.enhancer.temporal.ChromaStabilizer} keeps each stream's last colorized
 * frame and holds its chroma steady where the scene did not move, so a colorized video does
 * not flicker. The state is a quality aid, never a correctness input: losing it (restart,
 * rebalance, eviction) only means the next frame starts fresh.
 */
package dev.framelift.enhancer.temporal;
