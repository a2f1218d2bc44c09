/**
 * The training loop: L1 pre-training then adversarial fine-tuning of a generator against a
 * PatchGAN discriminator, one Adam per network fed by gradients of its own loss with respect
 * to its own variables, a learning-rate schedule, a weight average (EMA) of the generator,
 * validation against the bicubic / gray baseline, checkpoints that make a killed run
 * resumable, and a one-line progress display.
 */
package dev.framelift.trainer.train;
