/**
 * Image quality metrics, one implementation for the trainer's validation, the evaluation
 * reports, the publish gate and the shadow comparison: PSNR (RGB and Y), SSIM, colourfulness
 * ({@link dev.framelift.model.metrics.ImageMetrics}), the luma conventions
 * ({@link dev.framelift.model.metrics.YConvention}) and the no-reference self-consistency score
 * ({@link dev.framelift.model.metrics.SelfConsistency}).
 */
package dev.framelift.model.metrics;
