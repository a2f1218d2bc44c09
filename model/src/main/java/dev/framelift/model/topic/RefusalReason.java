package dev.framelift.model.topic;

/**
 * Why an enhancer refused a record of the {@code models} topic. A refused record changes
 * nothing: the model that served before keeps serving.
 */
public enum RefusalReason {
    /** The value is not a ModelUpdate. */
    UNDECODABLE,
    /** The key is not a scope ({@code TASK}, {@code TASK@STREAM}, or {@code shadow/} + scope). */
    BAD_KEY,
    /** Key, record scope, task and card task disagree. */
    SCOPE_MISMATCH,
    /** The card breaks the contract (unknown task, wrong scale or channels, no version). */
    BAD_CARD,
    /** No signature, and unsigned models are not allowed. */
    UNSIGNED,
    /** Signed by a key that is not in {@code models.trusted.keys}. */
    UNTRUSTED_KEY,
    /** The signature does not hold for this scope and card: tampered, or signed for another scope. */
    BAD_SIGNATURE,
    /** A PUBLISH of a version that is not newer than the active one; only ACTIVATE and ROLLBACK go back. */
    NOT_NEWER,
    /** An action the key does not allow (SHADOW only under {@code shadow/}, nothing else there). */
    WRONG_ACTION,
    /** Neither inline bytes nor a URI. */
    NO_ARTIFACT,
    /** The artifact does not hash to the card's sha256. */
    SHA256_MISMATCH,
    /** Not a zip, or a damaged one. */
    CORRUPT_ARTIFACT,
    /** Over the size, entry-count or compression-ratio limits: a zip bomb, or too big. */
    ARTIFACT_TOO_LARGE,
    /** An entry that would leave its folder (zip-slip), a link, a duplicate. */
    UNSAFE_ARTIFACT,
    /** A URI artifact that could not be fetched. */
    UNREACHABLE_ARTIFACT,
    /** TensorFlow cannot load the SavedModel. */
    UNLOADABLE,
    /** The serving signature's tensors have the wrong names, dtypes or shapes. */
    WRONG_TENSOR_SIGNATURE,
    /** The canary inference failed: wrong size, constant output (NaN inside), or output unrelated to the input. */
    CANARY_FAILED
}
