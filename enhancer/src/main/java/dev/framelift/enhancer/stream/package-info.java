/**
 * The Kafka Streams topology: {@code frames.raw} to {@code frames.enhanced}, every failure to
 * {@code frames.rejected}, exactly once.
 *
 * <p>Batching without a buffer: each stream thread hands its current frame to the shared
 * {@link dev.framelift.enhancer.inference.MicroBatcher} and waits for the result before it
 * forwards and moves on, so batches form across stream threads (as in Triton's dynamic batcher)
 * and nothing is ever held outside a pending {@code process()} call. An offset is therefore only
 * committed once its output is in the same transaction; a crash can neither lose a buffered frame
 * nor double one. See the module README for why this beat a changelogged buffer.
 */
package dev.framelift.enhancer.stream;
