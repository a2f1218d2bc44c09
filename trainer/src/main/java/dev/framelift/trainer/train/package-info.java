/**
 * Training ({@code Trainer}, the loop itself): L1 pre-training then adversarial fine-tuning of a generator against a
 * PatchGAN discriminator, one Adam per network fed by gradients of its own loss with respect
 * to its own variables ({@code TrainingGraph}), learning-rate and averaging schedules
 * ({@code TrainConfig}), a weight average (EMA) of the generator,
 * validation against the bicubic / gray baseline ({@code Validator}), checkpoints that make
 * a killed run resumable ({@code CheckpointStore}), a colorizer's calibration on held-out
 * photos ({@code ChromaCalibration}), the export with its card and report ({@code RunExport}),
 * the run's history ({@code LossLog}, {@code ValidationLog}) and a one-line progress display.
 */
package dev.framelift.trainer.train;
