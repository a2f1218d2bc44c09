/**
 * The {@code framelift} command line: {@code demo}, {@code run}, {@code enhance}, {@code ingest},
 * {@code export}, {@code flicker}, {@code replay}, {@code broker}, {@code bench}, {@code chaos},
 * {@code audit}, {@code corpus}, {@code config} and {@code models} (publish, list, activate, roll
 * back, remove and keygen on the {@code models} topic). Each command is a thin shell over the
 * service classes; a failure reaches the user as one line and an exit code
 * ({@link dev.framelift.enhancer.cli.CommandErrors}). {@code train} and {@code evaluate} live in
 * the trainer module and are dispatched there by the launcher script.
 */
package dev.framelift.enhancer.cli;
