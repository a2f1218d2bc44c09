/**
 * What the whole cluster is doing, seen from the frame topics: a {@link dev.framelift.enhancer.live.FrameFollower}
 * reads {@code frames.raw}, {@code frames.enhanced} and {@code frames.rejected} (read_committed,
 * outside the Streams group, so it sees the output of every enhancer instance, not only its own),
 * keeps the newest frames and counters of each stream on the {@link dev.framelift.enhancer.live.StreamBoard},
 * and hands results of requests made through the gateway back to their callers through
 * {@link dev.framelift.enhancer.live.PendingResults}. The gateway serves all of it over HTTP.
 */
package dev.framelift.enhancer.live;
