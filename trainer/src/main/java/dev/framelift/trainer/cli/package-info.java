/**
 * The trainer's command line: {@code train} here, {@code evaluate} registered when the
 * evaluation package provides it.
 */
package dev.framelift.trainer.cli;
