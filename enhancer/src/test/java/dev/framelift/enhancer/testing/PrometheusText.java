package dev.framelift.enhancer.testing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: every
 * line must be a {@code # HELP}, a {@code # TYPE} or a sample {@code name{label="value",...} number},
 * label values properly escaped, each family typed once before its samples, histogram buckets
 * cumulative and ending at {@code +Inf} with the family's count.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? "
                    + "(NaN|[+-]Inf|[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private PrometheusText() {
    }

    /** @throws AssertionError naming the first line that breaks the format */
    public static Map<String, Sample> parse(String text) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, Double> lastBucket = new HashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                check(parts.length >= 3 && NAME.matcher(parts[2]).matches(), number, line);
                if (line.startsWith("# TYPE ")) {
                    check(parts.length == 4 && TYPES.contains(parts[3]), number, line);
                    check(types.put(parts[2], parts[3]) == null, number, "family typed twice: " + line);
                    check(!seen.contains(parts[2]), number, "TYPE after samples: " + line);
                }
                continue;
            }
            check(!line.startsWith("#"), number, line);
            Matcher m = SAMPLE.matcher(line);
            check(m.matches(), number, line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            double value = switch (m.group(4)) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(m.group(4));
            };
            String name = m.group(1);
            String family = family(name, types);
            seen.add(family);
            if (name.endsWith("_bucket") && "histogram".equals(types.get(family))) {
                Map<String, String> series = new LinkedHashMap<>(labels);
                check(series.remove("le") != null, number, "bucket without le: " + line);
                String key = family + series;
                double previous = lastBucket.getOrDefault(key, 0.0);
                check(value >= previous, number, "buckets not cumulative: " + line);
                lastBucket.put(key, value);
            }
            samples.put(name + labels, new Sample(name, labels, value));
        }
        for (var bucket : lastBucket.entrySet()) {
            String key = bucket.getKey();
            String family = key.substring(0, key.indexOf('{'));
            Sample count = samples.get(family + "_count" + key.substring(key.indexOf('{')));
            check(count != null && count.value() == bucket.getValue(), 0, "+Inf bucket differs from _count for " + key);
        }
        return samples;
    }

    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_total", "_created", "_max"}) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static void check(boolean ok, int line, String what) {
        if (!ok) {
            throw new AssertionError("not Prometheus text format at line " + line + ": " + what);
        }
    }
}
