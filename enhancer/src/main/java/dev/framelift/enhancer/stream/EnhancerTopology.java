package dev.framelift.enhancer.stream;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

import dev.framelift.enhancer.pipeline.FrameEnhancer;
import dev.framelift.schema.Topics;

/**
 * Builds the enhancer's topology. Records cross it as bytes: the source does not deserialize, so
 * that a record which is not a valid Frame still reaches the processor and is rejected with its
 * original bytes instead of stopping the stream.
 *
 * <pre>
 *   frames.raw ──► enhance ──► frames.enhanced
 *                     └──────► frames.rejected
 * </pre>
 */
public final class EnhancerTopology {
    public static final String SOURCE = "frames-raw";
    public static final String PROCESSOR = "enhance";
    public static final String ENHANCED_SINK = "frames-enhanced";
    public static final String REJECTED_SINK = "frames-rejected";

    private EnhancerTopology() {
    }

    /** With {@link ProcessingLimits#defaults()}, heard by nobody. */
    public static Topology build(FrameEnhancer pipeline) {
        return build(pipeline, ProcessingLimits.defaults(), FrameObserver.NONE);
    }

    /** With {@link ProcessingLimits#defaults()}. */
    public static Topology build(FrameEnhancer pipeline, FrameObserver observer) {
        return build(pipeline, ProcessingLimits.defaults(), observer);
    }

    /** @param observer hears every record's outcome (see {@link FrameObserver}) */
    public static Topology build(FrameEnhancer pipeline, ProcessingLimits limits, FrameObserver observer) {
        final Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.RAW);
        final RoundBudget round = new RoundBudget(limits.roundBudget());
        topology.addProcessor(PROCESSOR, () -> new EnhanceProcessor(pipeline, limits, round, observer), SOURCE);
        topology.addSink(ENHANCED_SINK, Topics.ENHANCED, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        topology.addSink(REJECTED_SINK, Topics.REJECTED, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
