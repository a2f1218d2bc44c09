package dev.framelift.enhancer.config;

import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The enhancer's own {@link ConfigDef.Validator}s, for values Kafka's stock validators cannot
 * judge. Each failure is a {@link ConfigException} that names the key and the value.
 */
final class Validators {
    /** A host name, IPv4 address or bracketed IPv6 address, then a port. */
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
    /** What Kafka accepts in a group id that also prefixes internal topic names. */
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private Validators() {
    }

    /** A non-empty comma-separated list of {@code host:port}. */
    static ConfigDef.Validator hostPortList() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            final String list = value == null ? "" : value.toString().strip();
            if (list.isEmpty()) {
                throw new ConfigException(name, value, "must list at least one host:port");
            }
            for (String entry : list.split(",")) {
                final var match = HOST_PORT.matcher(entry.strip());
                if (!match.matches() || Integer.parseInt(match.group(2)) < 1 || Integer.parseInt(match.group(2)) > 65535) {
                    throw new ConfigException(name, value, "'" + entry.strip() + "' is not host:port (port 1-65535)");
                }
            }
        }, () -> "host:port[,host:port...]");
    }

    /** Letters, digits, '.', '_' and '-', at most 200 of them: Kafka's rules for group ids and topic names. */
    static ConfigDef.Validator applicationId() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !APPLICATION_ID.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value, "must be 1-200 letters, digits, '.', '_' or '-'");
            }
        }, () -> "[A-Za-z0-9._-]{1,200}");
    }

    /** A non-blank string without control characters. */
    static ConfigDef.Validator nonBlank() {
        return new ConfigDef.NonEmptyStringWithoutControlChars() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null) {
                    throw new ConfigException(name, null, "must be set");
                }
                super.ensureValid(name, value);
                if (value.toString().isBlank()) {
                    throw new ConfigException(name, value, "must not be blank");
                }
            }

            @Override
            public String toString() {
                return "non-blank text";
            }
        };
    }

    /** Unset (null), or non-blank: for secrets that are optional. The value never appears in the error. */
    static ConfigDef.Validator optionalSecret() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            final String text = value instanceof org.apache.kafka.common.config.types.Password secret ? secret.value()
                    : value == null ? null : value.toString();
            if (text != null && text.isBlank()) {
                throw new ConfigException(name + " must not be blank when set");
            }
        }, () -> "unset, or non-blank");
    }

    /** Any text without control characters, empty included. */
    static ConfigDef.Validator optionalText() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && value.toString().chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(name, value, "must not contain control characters");
            }
        }, () -> "text without control characters");
    }
}
