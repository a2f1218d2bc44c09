/**
 * The inference engine: the generators that serve each scope ({@link
 * dev.framelift.enhancer.inference.Generator}, a verified model of the contract with its scope
 * and origin), the process-wide TensorFlow configuration ({@link
 * dev.framelift.enhancer.inference.TensorFlowRuntime}), the model serving each scope with hot
 * swap, leases and shadow candidates ({@link dev.framelift.enhancer.inference.ModelRegistry}) and
 * the cross-thread dynamic batcher that feeds them ({@link
 * dev.framelift.enhancer.inference.MicroBatcher}).
 *
 * <p>The engine knows nothing of Kafka or image formats: pixels in ({@link
 * dev.framelift.model.Image}, 1 or 3 channels), pixels out (3 channels, scaled), each output
 * stamped with the model that made it ({@link dev.framelift.enhancer.inference.ModelStamp}).
 * Ownership runs one way: the caller owns the registry and the batcher, the registry owns the
 * generators, a generator owns its model and, for a model from the topic, its unpacked folder.
 */
package dev.framelift.enhancer.inference;
