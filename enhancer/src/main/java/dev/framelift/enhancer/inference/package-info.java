/**
 * The inference engine: loading generators that honour the model contract ({@link
 * dev.framelift.enhancer.inference.Generator}), the process-wide TensorFlow configuration
 * ({@link dev.framelift.enhancer.inference.TensorFlowRuntime}), the active model per task with
 * hot swap ({@link dev.framelift.enhancer.inference.ModelRegistry}) and the cross-thread dynamic
 * batcher that feeds them ({@link dev.framelift.enhancer.inference.MicroBatcher}).
 *
 * <p>The engine knows nothing of Kafka or image formats: pixels in ({@link
 * dev.framelift.enhancer.image.Image}, 1 or 3 channels), pixels out (3 channels, scaled).
 * Ownership runs one way: the caller owns the registry and the batcher, the registry owns the
 * generators, a generator owns its TensorFlow bundle.
 */
package dev.framelift.enhancer.inference;
