/**
 * The running enhancer: creates missing topics, builds the {@link dev.framelift.enhancer.engine.FrameEngine}
 * (models, the models topic follower, the micro-batcher, the pipeline) and the Kafka Streams
 * topology over it, and owns the lifecycle of all of them.
 */
package dev.framelift.enhancer.app;
