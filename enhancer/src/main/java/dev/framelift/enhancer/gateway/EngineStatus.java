package dev.framelift.enhancer.gateway;

import java.util.Map;

import dev.framelift.schema.ModelCard;

/** What the gateway reads of the engine it runs beside. Implementations are thread-safe and quick. */
public interface EngineStatus {
    /** The card of the active model of each scope: a task ({@code sr-x2}) or a task for one stream ({@code colorize@cam-7}). */
    Map<String, ModelCard> activeModels();

    /** The Kafka Streams state, e.g. {@code RUNNING} or {@code REBALANCING}. */
    String streamsState();
}
