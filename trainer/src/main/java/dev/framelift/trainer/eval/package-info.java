/**
 * Evaluation of exported models on real photos against the naive baseline: the metrics
 * (PSNR-Y, SSIM-Y, RGB PSNR, colourfulness), a self-contained SavedModel runner that follows
 * the model contract, the {@link dev.framelift.trainer.eval.Evaluator} library call that fills a
 * model card, and the {@code evaluate} command.
 */
package dev.framelift.trainer.eval;
