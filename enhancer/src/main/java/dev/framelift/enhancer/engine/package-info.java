/**
 * The inference engine assembled once ({@link dev.framelift.enhancer.engine.FrameEngine}): the
 * model registry with the {@code models} topic follower, the micro-batcher, the frame pipeline
 * and the shadow runner, for every command that enhances frames.
 */
package dev.framelift.enhancer.engine;
