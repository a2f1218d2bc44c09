/**
 * The training tasks ({@link dev.framelift.trainer.model.TrainingTask}: what differs between
 * super-resolution x2, x4 and colorization, including the generators each offers and the
 * degradation of the {@code data} package it trains on) and the generator and discriminator
 * graphs in TensorFlow Java's graph mode. Every network is built
 * by one function on a given input op and a {@link dev.framelift.trainer.model.Weights} store
 * that names its variables, so the training graph, the weight-averaged copy and the export
 * graph share structure and variable names exactly. A network trained elsewhere enters as an
 * {@link dev.framelift.trainer.model.Encoder}: first through
 * {@link dev.framelift.trainer.model.TfjsGraph}, which rebuilds a TensorFlow.js graph model's
 * ops in ours with its weights as constants, then, once a model carries it, through
 * {@link dev.framelift.trainer.model.ExportedEncoder}, which copies it out of that model's graph
 * ({@link dev.framelift.trainer.model.Encoders} says which).
 */
package dev.framelift.trainer.model;
