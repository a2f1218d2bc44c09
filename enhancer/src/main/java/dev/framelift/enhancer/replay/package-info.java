/**
 * Dead letters back into the stream: {@code framelift replay} re-submits rejected frames from
 * {@code frames.rejected} to {@code frames.raw}, filtered by reason, stream and time, exactly
 * once over any number of runs (a transactional record of what was sent, kept in
 * {@code frames.rejected.replayed}).
 */
package dev.framelift.enhancer.replay;
