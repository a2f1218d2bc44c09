/**
 * The {@code models} topic as FrameLift's model registry. Records are {@code ModelUpdate}s keyed
 * by scope ({@link dev.framelift.model.Scope}); {@link dev.framelift.model.topic.ModelLog} reads
 * them, {@link dev.framelift.model.topic.ModelTimeline} applies the topic's rules (signatures,
 * forward-only versions, explicit roll backs, shadow candidates, removals) to decide what serves
 * each scope, {@link dev.framelift.model.topic.UpdateVerifier} checks the model itself (sha256,
 * bounded unzip, contract, canary), {@link dev.framelift.model.topic.ModelPublisher} and
 * {@link dev.framelift.model.topic.PublishGate} write new models, and
 * {@link dev.framelift.model.topic.ModelAdmin} activates, rolls back and removes. The enhancer
 * follows the topic with the same classes; the trainer and the {@code models} command write it.
 */
package dev.framelift.model.topic;
