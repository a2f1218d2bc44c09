package dev.framelift.model.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import dev.framelift.model.Scope;
import dev.framelift.schema.ModelCard;

/**
 * The bytes a publisher signs: the scope the model is published for and every field of its card
 * (the card carries the artifact's sha256, so the weights are covered too). A canonical text,
 * so that any implementation can rebuild it from a decoded record:
 *
 * <pre>
 * framelift-model-signature-v1\n
 * scope=&lt;len&gt;:&lt;scope&gt;\n
 * &lt;field&gt;=&lt;len&gt;:&lt;value&gt;\n              one line per card field, in schema order
 * &lt;field&gt;[&lt;len&gt;:&lt;key&gt;]=&lt;len&gt;:&lt;value&gt;\n   one line per map entry, keys sorted
 * </pre>
 *
 * {@code len} is the UTF-8 byte length of what follows the colon. Values: strings as they are,
 * numbers in decimal (doubles as Java's {@code Double.toString}, which round-trips), timestamps as
 * epoch milliseconds. Fields equal to their schema default are left out, so a card written by a
 * newer publisher that leaves newer fields at their defaults verifies on older enhancers.
 *
 * <p>The action, publish time, note and shadow fraction are not signed: a roll back or an
 * activation republishes a signed model unchanged, and only a model some trusted key signed for
 * that scope can ever serve it.
 */
public final class SignedPayload {
    /** First line of the payload; a new layout gets a new one. */
    public static final String HEADER = "framelift-model-signature-v1";

    private SignedPayload() {
    }

    public static byte[] of(Scope scope, ModelCard card) {
        Objects.requireNonNull(scope, "scope");
        final StringBuilder text = new StringBuilder(HEADER).append('\n');
        line(text, "scope", scope.toString());
        for (Schema.Field field : ModelCard.getClassSchema().getFields()) {
            final Object value = card.get(field.pos());
            if (value == null || (field.hasDefaultValue() && isDefault(field, value))) {
                continue;
            }
            if (value instanceof Map<?, ?> map) {
                final Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(k.toString(), v));
                sorted.forEach((k, v) -> line(text, field.name() + "[" + length(k) + ":" + k + "]", scalar(v)));
            } else {
                line(text, field.name(), scalar(value));
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isDefault(Schema.Field field, Object value) {
        final Object def = GenericData.get().getDefaultValue(field);
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() && def instanceof Map<?, ?> d && d.isEmpty();
        }
        return def != null && scalar(def).equals(scalar(value));
    }

    private static String scalar(Object value) {
        if (value instanceof Instant instant) {
            return Long.toString(instant.toEpochMilli());
        }
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        return value.toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append('=').append(length(value)).append(':').append(value).append('\n');
    }

    private static int length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
