/**
 * The training tasks ({@link dev.framelift.trainer.model.TrainingTask}: what differs between
 * super-resolution x2, x4 and colorization, including the generators each offers and the
 * degradation of the {@code data} package it trains on) and the generator and discriminator
 * graphs in TensorFlow Java's graph mode. Every network is built
 * by one function on a given input op and a {@link dev.framelift.trainer.model.Weights} store
 * that names its variables, so the training graph, the weight-averaged copy and the export
 * graph share structure and variable names exactly.
 */
package dev.framelift.trainer.model;
