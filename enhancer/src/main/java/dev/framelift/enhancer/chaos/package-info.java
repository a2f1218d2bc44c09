/**
 * Fault injection and its audit: {@link dev.framelift.enhancer.chaos.ChildJvm} runs a
 * {@code framelift} command in its own JVM so that it can be killed, stopped and continued with
 * real signals; {@link dev.framelift.enhancer.chaos.FrameAudit} checks afterwards, as a
 * read_committed consumer, that every input has exactly one output and per-stream order held.
 * {@code framelift chaos} and the fault-campaign tests are built from these.
 */
package dev.framelift.enhancer.chaos;
