package dev.framelift.enhancer.broker;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the broker's client listener is secured: TLS with a self-signed certificate that the
 * broker generates into its log directory on first use, and/or SASL/SCRAM-SHA-256 with the given
 * users. This is authentication and encryption, not authorization: the broker runs no
 * authorizer, so every authenticated user may do everything.
 *
 * @param scramUsers user name to password; empty for no SASL
 */
public record BrokerSecurity(boolean tls, Map<String, String> scramUsers) {
    /** PLAINTEXT: no TLS, no SASL. */
    public static final BrokerSecurity NONE = new BrokerSecurity(false, Map.of());
    /** The one SASL mechanism the broker enables. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-256";
    /** The user the broker authenticates as towards itself (transaction markers); reserved. */
    static final String BROKER_USER = "framelift-broker";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public BrokerSecurity {
        scramUsers = Map.copyOf(scramUsers);
        for (Map.Entry<String, String> user : scramUsers.entrySet()) {
            if (!USER_NAME.matcher(user.getKey()).matches()) {
                throw new IllegalArgumentException("SCRAM user name '" + user.getKey()
                        + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (user.getKey().equals(BROKER_USER)) {
                throw new IllegalArgumentException("SCRAM user name '" + BROKER_USER + "' is reserved for the broker itself");
            }
            if (user.getValue() == null || user.getValue().isEmpty()) {
                throw new IllegalArgumentException("SCRAM user '" + user.getKey() + "' has an empty password");
            }
        }
    }

    public boolean scram() {
        return !scramUsers.isEmpty();
    }

    /** The client listener's {@code security.protocol}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    public String protocol() {
        return (scram() ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        final Map<String, String> masked = new TreeMap<>();
        scramUsers.keySet().forEach(user -> masked.put(user, "[hidden]"));
        return "BrokerSecurity[" + protocol() + ", users " + masked.keySet() + "]";
    }
}
