/**
 * The running enhancer: creates missing topics, builds the {@link dev.framelift.enhancer.engine.FrameEngine}
 * (models, the models topic follower, the micro-batcher, the pipeline) and the Kafka Streams
 * topology over it, and owns the lifecycle of all of them; maps the settings onto Kafka Streams
 * (refusing overrides that would undo exactly-once) and decides when a failure is fatal, so that
 * the process ends and a supervisor restarts it.
 */
package dev.framelift.enhancer.app;
