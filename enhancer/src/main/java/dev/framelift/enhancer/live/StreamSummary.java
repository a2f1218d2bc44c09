package dev.framelift.enhancer.live;

import java.util.Map;

/**
 * One stream as the follower sees it, across every enhancer instance. Counters start when the
 * follower started.
 *
 * @param partition the frames.raw partition of the stream, -1 before its first raw frame
 * @param lag records of that partition the enhancers have not committed yet (streams sharing a
 *            partition share it); -1 when unknown
 * @param lastFrameAgeMs time since the stream's last frame (raw or result) arrived; a camera
 *                       that stopped sending shows here
 * @param latencyP50Ms capture time to result, median of the last 30 s (-1: no result then)
 * @param pairSequence the newest enhanced frame kept with its input (see {@link StreamBoard#pair}), -1: none yet
 */
public record StreamSummary(String id, String task, int partition, long framesIn, long framesOut, long rejected,
        Map<String, Long> rejectedByReason, double inFps, double outFps, long lag, String modelVersion,
        long lastSequence, long lastFrameAgeMs, long latencyP50Ms, long latencyP95Ms, long lastLatencyMs, long pairSequence) {
}
