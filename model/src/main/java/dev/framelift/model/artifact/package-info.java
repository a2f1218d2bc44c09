/**
 * A model as bytes: the deterministic zip of a model directory and its sha256
 * ({@link dev.framelift.model.artifact.DeterministicZip}, {@link dev.framelift.model.artifact.Sha256}),
 * unpacking an untrusted zip within limits ({@link dev.framelift.model.artifact.BoundedUnzip}) and
 * fetching an artifact that travels by URI ({@link dev.framelift.model.artifact.ArtifactFetcher}).
 */
package dev.framelift.model.artifact;
