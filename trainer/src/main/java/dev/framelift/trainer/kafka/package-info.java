/**
 * The trainer's side of Kafka: training data read from a stream of frames
 * ({@link dev.framelift.trainer.kafka.StreamFrames}) and a trained model published to the
 * {@code models} topic only when it beats the model serving its scope on the same held-out
 * images ({@link dev.framelift.trainer.kafka.ModelRelease}). The topic's rules and the publishing
 * itself are the model module's.
 */
package dev.framelift.trainer.kafka;
