package dev.framelift.model.topic;

import java.time.Instant;

import dev.framelift.model.Scope;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Topics;

/**
 * One record of the {@code models} topic as read: its offset and key, and the decoded update
 * (null for a tombstone, or when the value did not decode: then {@link #decodeError()} says why).
 *
 * @param partition   the partition it was read from (the topic has one)
 * @param offset      its offset there
 * @param key         the record key: {@code SCOPE}, or {@code shadow/SCOPE} for a shadow candidate
 * @param update      the decoded value; null for a tombstone or an undecodable value
 * @param timestamp   the record's Kafka timestamp
 * @param decodeError why the value did not decode, or null
 */
public record ModelRecord(int partition, long offset, String key, ModelUpdate update, Instant timestamp,
        String decodeError) {

    /** Whether the key names a shadow candidate. */
    public boolean isShadowKey() {
        return key != null && key.startsWith(Topics.SHADOW_KEY_PREFIX);
    }

    /** Whether the value was null: the key's model is removed. */
    public boolean isTombstone() {
        return update == null && decodeError == null;
    }

    /**
     * The scope the key names.
     *
     * @throws IllegalArgumentException if the key is not a valid scope
     */
    public Scope scope() {
        if (key == null) {
            throw new IllegalArgumentException("record without a key");
        }
        return Scope.parse(isShadowKey() ? key.substring(Topics.SHADOW_KEY_PREFIX.length()) : key);
    }

    /** The key of a scope's active model. */
    public static String activeKey(Scope scope) {
        return scope.toString();
    }

    /** The key of a scope's shadow candidate. */
    public static String shadowKey(Scope scope) {
        return Topics.SHADOW_KEY_PREFIX + scope;
    }

    /** {@code version (sha256 prefix)} for logs, or a word for what the record is. */
    public String describe() {
        if (decodeError != null) {
            return "undecodable record at offset " + offset;
        }
        if (update == null) {
            return "removal of " + key + " at offset " + offset;
        }
        final String sha = update.getCard().getSha256();
        return update.getAction() + " " + update.getCard().getVersion() + " (sha256 "
                + (sha.length() > 12 ? sha.substring(0, 12) : sha) + ") at offset " + offset;
    }
}
