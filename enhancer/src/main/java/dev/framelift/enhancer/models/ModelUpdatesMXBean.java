package dev.framelift.enhancer.models;

import java.util.Map;

/**
 * The enhancer's counters of {@code models} records, in JMX as
 * {@code dev.framelift:type=ModelUpdates,name=<application.id>} (beside Kafka's own client metrics).
 */
public interface ModelUpdatesMXBean {
    /** Records that changed what serves (activations, shadows, removals). */
    long getApplied();

    /** Records refused; the model that served before keeps serving. */
    long getRefused();

    /** Refusals by {@link dev.framelift.model.topic.RefusalReason}. */
    Map<String, Long> getRefusedByReason();

    /** The last refusal: offset, scope, reason and message; empty if none. */
    String getLastRefusal();
}
