/**
 * The {@code models} topic in the enhancer: following it into the model registry with every
 * update verified and refused updates counted ({@link dev.framelift.enhancer.models.ModelFollower},
 * {@link dev.framelift.enhancer.models.ModelUpdates}), and running shadow candidates beside the
 * active models into {@code frames.shadow} ({@link dev.framelift.enhancer.models.ShadowRunner}).
 * The topic's rules, the verification and the publishing live in the model module
 * ({@code dev.framelift.model.topic}); this package applies them to a running enhancer.
 */
package dev.framelift.enhancer.models;
