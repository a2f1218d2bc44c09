/**
 * The training data pipeline: photo discovery and the fixed validation split, EXIF
 * orientation, an in-memory photo cache, random crops and augmentations (photos drawn uniformly
 * or weighted by source), the degradations
 * (antialiased bicubic, realistic blur/noise/JPEG, luma for colorization) and the background
 * batch producer that keeps the training step from waiting on I/O.
 */
package dev.framelift.trainer.data;
