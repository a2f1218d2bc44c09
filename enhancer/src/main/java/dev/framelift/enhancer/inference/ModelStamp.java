package dev.framelift.enhancer.inference;

/**
 * Which model made a frame, as every {@code EnhancedFrame} names it.
 *
 * @param version the model card's version
 * @param scope   the scope it served under: {@code TASK}, or {@code TASK@STREAM} for a stream's own model
 * @param sha256  its artifact's sha256 (the card's), empty for a shipped model exported without one
 */
public record ModelStamp(String version, String scope, String sha256) {
}
