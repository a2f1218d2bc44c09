/**
 * Training and evaluation reports drawn with Java2D alone: the loss chart of
 * {@code losses.csv}, the contact sheet of an evaluation, and its {@code metrics.json}.
 */
package dev.framelift.trainer.report;
