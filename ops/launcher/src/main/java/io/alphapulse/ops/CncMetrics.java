/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.AeronCounters;
import io.aeron.CommonContext;
import io.alphapulse.driver.CounterTypes;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every counter of every process attached to a media driver, as Prometheus metrics, read through the driver's CnC
 * file at each scrape (mapped afresh each time, so a restarted driver is picked up).
 * <ul>
 *     <li>The system's own counters (4000-4999) under the names of {@link CounterTypes}, e.g.
 *     {@code alphapulse_relay_messages_total{exchange="KRAKEN"}}; their label's {@code key=value} pairs become
 *     labels; ns durations and times become seconds. An id without a row is exported as a gauge named after its
 *     label, e.g. {@code alphapulse_bridge_clients}, with a {@code type_id} label.</li>
 *     <li>The driver's system counters: {@code aeron_driver_<label>} (e.g. {@code aeron_driver_bytes_sent_total}).</li>
 *     <li>Stream positions: {@code aeron_stream_position_bytes{type="pub-pos",stream_id,session_id,channel}} and the
 *     lag of every subscriber, {@code aeron_subscriber_lag_bytes}.</li>
 *     <li>Archive and cluster counters used by the alerts ({@code aeron_cluster_elections_total},
 *     {@code aeron_cluster_leadership_term_id}, ...), any other as {@code aeron_counter{type_id,label}}.</li>
 *     <li>{@code alphapulse_driver_up}: 1 while the driver's heartbeat is fresh.</li>
 * </ul>
 */
final class CncMetrics implements MultiCollector
{
    private static final long DRIVER_TIMEOUT_MS = 10_000L;
    private static final Map<Integer, String> STREAM_TYPES = Map.of(
        AeronCounters.DRIVER_PUBLISHER_LIMIT_TYPE_ID, "pub-lmt",
        AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID, "snd-pos",
        AeronCounters.DRIVER_RECEIVER_HWM_TYPE_ID, "rcv-hwm",
        AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID, "sub-pos",
        AeronCounters.DRIVER_RECEIVER_POS_TYPE_ID, "rcv-pos",
        AeronCounters.DRIVER_SENDER_LIMIT_TYPE_ID, "snd-lmt",
        AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID, "pub-pos");
    private static final Map<Integer, String[]> AERON_NAMED = Map.of(
        AeronCounters.ARCHIVE_ERROR_COUNT_TYPE_ID, new String[]{"aeron_archive_errors", "counter"},
        AeronCounters.ARCHIVE_RECORDING_POSITION_TYPE_ID, new String[]{"aeron_archive_recording_position_bytes", "gauge"},
        AeronCounters.CLUSTER_ELECTION_COUNT_TYPE_ID, new String[]{"aeron_cluster_elections", "counter"},
        AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID, new String[]{"aeron_cluster_leadership_term_id", "gauge"},
        AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID, new String[]{"aeron_cluster_node_role", "gauge"},
        AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID, new String[]{"aeron_cluster_commit_position_bytes", "gauge"},
        AeronCounters.CLUSTER_CONSENSUS_MODULE_ERROR_COUNT_TYPE_ID, new String[]{"aeron_cluster_errors", "counter"},
        AeronCounters.CLUSTER_CLUSTERED_SERVICE_ERROR_COUNT_TYPE_ID,
        new String[]{"aeron_cluster_service_errors", "counter"},
        AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID, new String[]{"aeron_cluster_module_state", "gauge"});
    private static final Set<Integer> DRIVER_GAUGES = Set.of(
        AeronCounters.SYSTEM_COUNTER_ID_CONTROLLABLE_IDLE_STRATEGY,
        AeronCounters.SYSTEM_COUNTER_ID_CONDUCTOR_MAX_CYCLE_TIME,
        AeronCounters.SYSTEM_COUNTER_ID_SENDER_MAX_CYCLE_TIME,
        AeronCounters.SYSTEM_COUNTER_ID_RECEIVER_MAX_CYCLE_TIME,
        AeronCounters.SYSTEM_COUNTER_ID_NAME_RESOLVER_MAX_TIME,
        AeronCounters.SYSTEM_COUNTER_ID_AERON_VERSION,
        AeronCounters.SYSTEM_COUNTER_ID_BYTES_CURRENTLY_MAPPED,
        AeronCounters.SYSTEM_COUNTER_ID_CONTROL_PROTOCOL_VERSION);

    private final String aeronDirectoryName;

    /**
     * Names of the archive and cluster metrics exported under their own names, as scraped (counters with
     * {@code _total}).
     *
     * @return the names.
     */
    static Set<String> aeronNamedMetrics()
    {
        final Set<String> names = new HashSet<>();
        for (final String[] named : AERON_NAMED.values())
        {
            names.add("counter".equals(named[1]) ? named[0] + "_total" : named[0]);
        }
        return names;
    }

    /**
     * Metrics of one driver.
     *
     * @param aeronDirectoryName the driver's directory.
     */
    CncMetrics(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
    }

    /**
     * One scrape.
     *
     * @return the metrics.
     */
    public MetricSnapshots collect()
    {
        final Families families = new Families();
        final boolean up = CommonContext.isDriverActive(new File(aeronDirectoryName), DRIVER_TIMEOUT_MS, (s) -> {});
        families.gauge("alphapulse_driver_up", "1 while the media driver's heartbeat in the CnC file is fresh",
            Labels.EMPTY, up ? 1 : 0, -1);
        try (CncCounters cnc = CncCounters.mapOrNull(aeronDirectoryName))
        {
            if (null != cnc)
            {
                add(families, CounterSnapshot.take(cnc.reader()));
            }
        }
        return families.build();
    }

    /**
     * Turn a snapshot into metric families.
     *
     * @param families where.
     * @param snapshot the counters.
     */
    static void add(final Families families, final CounterSnapshot snapshot)
    {
        for (final CounterSnapshot.Counter counter : snapshot.counters())
        {
            final int typeId = counter.typeId();
            if (CounterTypes.isAlphaPulse(typeId))
            {
                final CounterTypes.Type type = counter.type();
                final Labels labels = labels(counter.pairs());
                if (null == type)
                {
                    families.gauge(CounterTypes.METRIC_PREFIX + CounterTypes.snakeCase(counter.name()),
                        "undocumented counter type " + typeId + " (" + counter.component() + ")",
                        labels.add("type_id", Integer.toString(typeId)), counter.value(), counter.counterId());
                }
                else
                {
                    final String base = type.prometheusName();
                    switch (type.kind())
                    {
                        case COUNTER -> families.counter(base.substring(0, base.length() - "_total".length()),
                            type.meaning(), labels, counter.value(), counter.counterId());
                        case GAUGE -> families.gauge(base, type.meaning(), labels, counter.value(),
                            counter.counterId());
                        case DURATION_NS, TIMESTAMP_NS -> families.gauge(base, type.meaning() + " (seconds)", labels,
                            counter.value() / 1e9, counter.counterId());
                        default -> throw new IllegalStateException(type.kind().name());
                    }
                }
            }
            else if (AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID == typeId)
            {
                final String name = "aeron_driver_" + CounterTypes.snakeCase(counter.name());
                if (DRIVER_GAUGES.contains(counter.counterId()))
                {
                    families.gauge(name, "media driver: " + counter.label(), Labels.EMPTY, counter.value(), -1);
                }
                else
                {
                    families.counter(name, "media driver: " + counter.label(), Labels.EMPTY, counter.value(), -1);
                }
            }
            else if (STREAM_TYPES.containsKey(typeId))
            {
                families.gauge("aeron_stream_position_bytes",
                    "stream positions: pub-pos, pub-lmt, snd-pos, snd-lmt, rcv-hwm, rcv-pos, sub-pos",
                    labels(counter.pairs()).add("type", STREAM_TYPES.get(typeId)), counter.value(),
                    counter.counterId());
            }
            else if (AERON_NAMED.containsKey(typeId))
            {
                final String[] named = AERON_NAMED.get(typeId);
                final Labels labels = Labels.of("label", counter.label());
                if ("counter".equals(named[1]))
                {
                    families.counter(named[0], counter.name(), labels, counter.value(), counter.counterId());
                }
                else
                {
                    families.gauge(named[0], counter.name(), labels, counter.value(), counter.counterId());
                }
            }
            else
            {
                families.gauge("aeron_counter", "any other Aeron counter, by type id and label",
                    Labels.of("type_id", Integer.toString(typeId), "label", counter.label()), counter.value(),
                    counter.counterId());
            }
        }
        for (final CounterSnapshot.Counter lag : snapshot.subscriberLags())
        {
            families.gauge("aeron_subscriber_lag_bytes",
                "bytes a subscriber is behind its stream's producer (publisher position or receiver high-water mark)",
                labels(lag.pairs()), lag.value(), lag.counterId());
        }
    }

    private static Labels labels(final Map<String, String> pairs)
    {
        Labels labels = Labels.EMPTY;
        for (final Map.Entry<String, String> pair : pairs.entrySet())
        {
            labels = labels.add(pair.getKey(), pair.getValue());
        }
        return labels;
    }

    /**
     * Metric families being built; a family whose label sets repeat (two processes registering the same counter)
     * gets a {@code counter_id} label on every point.
     */
    static final class Families
    {
        private final Map<String, Family> families = new LinkedHashMap<>();

        void counter(final String name, final String help, final Labels labels, final double value, final int id)
        {
            family(name, help, true).add(labels, value, id);
        }

        void gauge(final String name, final String help, final Labels labels, final double value, final int id)
        {
            family(name, help, false).add(labels, value, id);
        }

        private Family family(final String name, final String help, final boolean counter)
        {
            final Family family = families.computeIfAbsent(name, (n) -> new Family(n, help, counter));
            if (family.counter != counter)
            {
                throw new IllegalStateException("metric " + name + " is both a counter and a gauge");
            }
            return family;
        }

        MetricSnapshots build()
        {
            final List<MetricSnapshot> snapshots = new ArrayList<>();
            for (final Family family : families.values())
            {
                snapshots.add(family.build());
            }
            return new MetricSnapshots(snapshots);
        }
    }

    private static final class Family
    {
        final String name;
        final String help;
        final boolean counter;
        final List<Labels> labels = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        final List<Integer> ids = new ArrayList<>();
        final Set<Labels> seen = new HashSet<>();
        boolean duplicates;

        Family(final String name, final String help, final boolean counter)
        {
            this.name = name;
            this.help = help;
            this.counter = counter;
        }

        void add(final Labels labels, final double value, final int id)
        {
            duplicates |= !seen.add(labels);
            this.labels.add(labels);
            values.add(value);
            ids.add(id);
        }

        MetricSnapshot build()
        {
            if (counter)
            {
                final io.prometheus.metrics.model.snapshots.CounterSnapshot.Builder builder =
                    io.prometheus.metrics.model.snapshots.CounterSnapshot.builder().name(name).help(help);
                for (int i = 0; i < values.size(); i++)
                {
                    builder.dataPoint(CounterDataPointSnapshot.builder().labels(labels(i)).value(values.get(i)).build());
                }
                return builder.build();
            }
            final GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
            for (int i = 0; i < values.size(); i++)
            {
                builder.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(i)).value(values.get(i)).build());
            }
            return builder.build();
        }

        private Labels labels(final int i)
        {
            return duplicates ? labels.get(i).add("counter_id", Integer.toString(ids.get(i))) : labels.get(i);
        }
    }
}
