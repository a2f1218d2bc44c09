/**
 * Running a SavedModel of the model contract: loading with verification
 * ({@link dev.framelift.model.runtime.ContractModel}), packing images into tensors
 * ({@link dev.framelift.model.runtime.TensorPacking}) and the canary inference that a model must
 * pass before it serves ({@link dev.framelift.model.runtime.Canary}), and running a super-resolution
 * model in all 8 orientations of its input ({@link dev.framelift.model.runtime.SelfEnsemble}). A
 * {@link dev.framelift.model.runtime.ContractViolation} says what kind of breach refused a model.
 */
package dev.framelift.model.runtime;
