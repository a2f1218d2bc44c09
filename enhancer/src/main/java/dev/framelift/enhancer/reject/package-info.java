/**
 * Rejection: the checked exception that carries a {@link dev.framelift.schema.RejectReason} from
 * whichever step refused a frame to the topology, which routes it to {@code frames.rejected}.
 */
package dev.framelift.enhancer.reject;
