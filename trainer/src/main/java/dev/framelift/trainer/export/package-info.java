/**
 * Export of a trained generator per the model contract: a clean inference graph rebuilt with
 * the training graph's variable names, restored from a checkpoint, saved as a SavedModel (tag
 * {@code serve}, signature {@code serving_default}, uint8 input {@code images}, uint8 output
 * {@code enhanced}) with its {@code card.json}, which carries the sha256 of the model's
 * deterministic zip ({@link dev.framelift.model.artifact.DeterministicZip}).
 */
package dev.framelift.trainer.export;
