package dev.framelift.enhancer.models;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.JMException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.model.topic.ModelRecord;
import dev.framelift.model.topic.RefusedUpdate;

/**
 * Counts what the enhancer did with {@code models} records and exposes the counts over JMX
 * (see {@link ModelUpdatesMXBean}). Thread-safe; {@link #close()} unregisters the bean.
 */
public final class ModelUpdates implements ModelUpdatesMXBean, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelUpdates.class);

    private final AtomicLong applied = new AtomicLong();
    private final Map<String, Long> refusedByReason = new TreeMap<>();
    private long refused;
    private String lastRefusal = "";
    private ObjectName name;

    /** Registers the counters as {@code dev.framelift:type=ModelUpdates,name=<name>} (a clash is logged, not fatal). */
    public static ModelUpdates registered(String name) {
        final ModelUpdates updates = new ModelUpdates();
        try {
            final ObjectName objectName = new ObjectName("dev.framelift:type=ModelUpdates,name=" + ObjectName.quote(name));
            ManagementFactory.getPlatformMBeanServer().registerMBean(updates, objectName);
            updates.name = objectName;
        } catch (JMException e) {
            LOG.warn("model update counters not registered in JMX as {}: {}", name, e.getMessage());
        }
        return updates;
    }

    void applied() {
        applied.incrementAndGet();
    }

    synchronized void refused(ModelRecord record, RefusedUpdate why) {
        refused++;
        refusedByReason.merge(why.reason().name(), 1L, Long::sum);
        lastRefusal = "offset " + record.offset() + ", key " + record.key() + ": " + why;
    }

    @Override
    public long getApplied() {
        return applied.get();
    }

    @Override
    public synchronized long getRefused() {
        return refused;
    }

    @Override
    public synchronized Map<String, Long> getRefusedByReason() {
        return new TreeMap<>(refusedByReason);
    }

    @Override
    public synchronized String getLastRefusal() {
        return lastRefusal;
    }

    @Override
    public void close() {
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("cannot unregister {}: {}", name, e.getMessage());
            }
            name = null;
        }
    }
}
