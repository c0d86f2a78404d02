/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;

/**
 * Metrics of the exporter's own JVM from the platform MXBeans: memory, garbage collection, threads, classes, CPU
 * and start time, under the usual names ({@code jvm_*}, {@code process_*}). The Prometheus client's
 * {@code prometheus-metrics-instrumentation-jvm} does the same but is missing from this Maven mirror at 1.8.0.
 */
final class JvmMetrics implements MultiCollector
{
    /**
     * One scrape.
     *
     * @return the metrics.
     */
    public MetricSnapshots collect()
    {
        final CncMetrics.Families families = new CncMetrics.Families();
        final MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        final MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        families.gauge("jvm_memory_used_bytes", "used memory", Labels.of("area", "heap"), heap.getUsed(), -1);
        families.gauge("jvm_memory_used_bytes", "used memory", Labels.of("area", "nonheap"), nonHeap.getUsed(), -1);
        families.gauge("jvm_memory_committed_bytes", "committed memory", Labels.of("area", "heap"),
            heap.getCommitted(), -1);
        families.gauge("jvm_memory_committed_bytes", "committed memory", Labels.of("area", "nonheap"),
            nonHeap.getCommitted(), -1);
        families.gauge("jvm_memory_max_bytes", "maximum memory", Labels.of("area", "heap"), heap.getMax(), -1);
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            final Labels labels = Labels.of("gc", gc.getName());
            families.counter("jvm_gc_collections", "collections", labels, Math.max(0, gc.getCollectionCount()), -1);
            families.counter("jvm_gc_collection_seconds", "time spent collecting", labels,
                Math.max(0, gc.getCollectionTime()) / 1e3, -1);
        }
        families.gauge("jvm_threads_current", "live threads", Labels.EMPTY,
            ManagementFactory.getThreadMXBean().getThreadCount(), -1);
        families.gauge("jvm_classes_currently_loaded", "loaded classes", Labels.EMPTY,
            ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(), -1);
        final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        families.gauge("process_start_time_seconds", "start time, seconds since the epoch", Labels.EMPTY,
            runtime.getStartTime() / 1e3, -1);
        final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sunOs)
        {
            families.counter("process_cpu_seconds", "CPU time used", Labels.EMPTY,
                Math.max(0, sunOs.getProcessCpuTime()) / 1e9, -1);
        }
        families.gauge("jvm_info", "JVM version", Labels.of("version", Runtime.version().toString(),
            "vendor", System.getProperty("java.vendor", "")), 1, -1);
        return families.build();
    }
}
