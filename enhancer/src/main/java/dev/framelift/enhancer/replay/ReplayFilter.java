package dev.framelift.enhancer.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;

/**
 * Which dead letters to replay: one reason, optionally one stream, optionally only those rejected
 * at or after a moment.
 *
 * @param stream the stream id: the frame's, or the record key's when the frame could not be decoded
 */
public record ReplayFilter(RejectReason reason, Optional<String> stream, Optional<Instant> since) {
    private static final Pattern AGO = Pattern.compile("(\\d+)\\s*([smhd])");

    public boolean matches(RejectedFrame rejected) {
        if (rejected.getReason() != reason) {
            return false;
        }
        if (since.isPresent() && rejected.getRejectedTime().isBefore(since.get())) {
            return false;
        }
        return stream.isEmpty() || stream.get().equals(streamOf(rejected));
    }

    /** The frame's stream id, or its key as UTF-8 when the frame could not be decoded. */
    static String streamOf(RejectedFrame rejected) {
        if (rejected.getStreamId() != null) {
            return rejected.getStreamId();
        }
        return rejected.getOriginalKey() == null ? null
                : new String(Payloads.bytes(rejected.getOriginalKey()), StandardCharsets.UTF_8);
    }

    /**
     * A moment: an ISO instant ({@code 2026-11-29T08:00:00Z}), a local date-time or date in the
     * system's zone ({@code 2026-11-29T08:00}, {@code 2026-11-29}), a time ago ({@code 90m},
     * {@code 2h}, {@code 1d}) or an ISO duration ago ({@code PT2H}).
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Instant since(String text, Instant now) {
        final String value = text.strip();
        final Matcher ago = AGO.matcher(value.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            final long amount = Long.parseLong(ago.group(1));
            final Duration unit = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        try {
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
                return now.minus(Duration.parse(value));
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Instant.parse(value);
            }
            if (value.contains("T")) {
                return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
            }
            return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + text + " is not a moment: use 2026-11-29T08:00:00Z, "
                    + "2026-11-29T08:00, 2026-11-29, or a time ago such as 90m, 2h, 1d");
        }
    }
}
