package dev.framelift.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the shipped alerts ({@code deploy/k8s/monitoring/alerts.yaml}) and the Grafana
 * dashboard ({@code deploy/grafana/framelift.json}) query, split by who exports them.
 */
final class MetricNames {
    /** Exported by the enhancer's {@code /metrics}. */
    private static final Pattern ENHANCER = Pattern.compile("\\b((?:framelift|kafka_consumer|kafka_producer|kafka_stream|jvm|process)_[a-z0-9_]+)");
    /** Exported by others: Strimzi's Kafka Exporter and kube-state-metrics. */
    private static final Pattern OTHERS = Pattern.compile("\\b((?:kafka_consumergroup|kube)_[a-z0-9_]+)");

    private MetricNames() {
    }

    static Set<String> fromTheEnhancer() {
        return find(ENHANCER);
    }

    static Set<String> fromOtherExporters() {
        return find(OTHERS);
    }

    private static Set<String> find(Pattern pattern) {
        Set<String> names = new TreeSet<>();
        for (String file : new String[] {"k8s/monitoring/alerts.yaml", "grafana/framelift.json"}) {
            Matcher m = pattern.matcher(RepositoryFiles.read(RepositoryFiles.DEPLOY.resolve(file)));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
