/**
 * Generator and discriminator graphs in TensorFlow Java's graph mode. Every network is built
 * by one function on a given input op and a {@link dev.framelift.trainer.model.Weights} store
 * that names its variables, so the training graph, the weight-averaged copy and the export
 * graph share structure and variable names exactly.
 */
package dev.framelift.trainer.model;
