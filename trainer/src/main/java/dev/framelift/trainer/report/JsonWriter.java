package dev.framelift.trainer.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A minimal streaming JSON writer with two-space indentation. The caller keeps the structure
 * valid (names only inside objects); commas and indentation are handled here. Non-finite
 * numbers are written as {@code null}, since JSON has no NaN or Infinity. Not thread-safe.
 */
final class JsonWriter {
    private final StringBuilder sb = new StringBuilder();
    private int depth;
    private boolean first = true;
    private boolean afterName;

    JsonWriter beginObject() {
        return open('{');
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return open('[');
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter name(String name) {
        separate();
        string(name);
        sb.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        separate();
        if (s == null) {
            sb.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(double d) {
        separate();
        if (!Double.isFinite(d)) {
            sb.append("null");
        } else {
            // 7 significant digits: more than any metric here can justify, plain notation
            sb.append(new BigDecimal(d).round(new MathContext(7)).stripTrailingZeros().toPlainString());
        }
        return this;
    }

    JsonWriter value(long n) {
        separate();
        sb.append(n);
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        sb.append(b);
        return this;
    }

    /** Shorthand for {@code name(n).value(v)}. */
    JsonWriter field(String n, String v) {
        return name(n).value(v);
    }

    JsonWriter field(String n, double v) {
        return name(n).value(v);
    }

    JsonWriter field(String n, long v) {
        return name(n).value(v);
    }

    JsonWriter field(String n, boolean v) {
        return name(n).value(v);
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private JsonWriter open(char c) {
        separate();
        sb.append(c);
        depth++;
        first = true;
        return this;
    }

    private JsonWriter close(char c) {
        depth--;
        if (!first) {
            newline();
        }
        sb.append(c);
        first = false;
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (!first) {
                sb.append(',');
            }
            newline();
        }
        first = false;
    }

    private void newline() {
        sb.append('\n').append("  ".repeat(depth));
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
