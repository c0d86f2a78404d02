/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.AeronCounters;
import io.alphapulse.driver.CounterTypes;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every counter of a media driver and its clients at one instant, with labels parsed: the common input of
 * {@code pulse stat} and the Prometheus exporter. An operations tool, so it allocates freely.
 */
final class CounterSnapshot
{
    /**
     * One counter.
     *
     * @param counterId counter id.
     * @param typeId    type id.
     * @param value     value.
     * @param label     full label.
     * @param name      label before the {@code : key=value} pairs.
     * @param pairs     the {@code key=value} pairs (for Aeron stream counters: stream, session, channel).
     */
    record Counter(int counterId, int typeId, long value, String label, String name, Map<String, String> pairs)
    {
        /**
         * The component owning the type id.
         *
         * @return e.g. {@code relay}, {@code aeron}.
         */
        String component()
        {
            return CounterTypes.componentOf(typeId);
        }

        /**
         * The documented type, or null.
         *
         * @return the documented type, or null.
         */
        CounterTypes.Type type()
        {
            return CounterTypes.forTypeId(typeId);
        }

        /**
         * The {@code pulse stat} column, from the documented type, else guessed from the label.
         *
         * @return the column.
         */
        CounterTypes.Column column()
        {
            final CounterTypes.Type type = type();
            if (null != type)
            {
                return type.column();
            }
            if (!CounterTypes.isAlphaPulse(typeId))
            {
                return CounterTypes.Column.NONE;
            }
            final String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("error"))
            {
                return CounterTypes.Column.ERRORS;
            }
            if (lower.contains("back-pressure") || lower.contains("back pressure") || lower.contains("backpressure"))
            {
                return CounterTypes.Column.BACK_PRESSURE;
            }
            if (lower.contains("gap"))
            {
                return CounterTypes.Column.GAPS;
            }
            if (lower.contains("lag") && lower.endsWith(" ns"))
            {
                return CounterTypes.Column.LAG;
            }
            if (lower.endsWith(" messages") || lower.contains("messages published") || lower.contains("messages sent"))
            {
                return CounterTypes.Column.MESSAGES;
            }
            return CounterTypes.Column.NONE;
        }

        /**
         * The pairs as text, e.g. {@code exchange=KRAKEN}, or {@code -}.
         *
         * @return the pairs as text.
         */
        String pairsText()
        {
            if (pairs.isEmpty())
            {
                return "-";
            }
            final StringBuilder sb = new StringBuilder();
            for (final Map.Entry<String, String> pair : pairs.entrySet())
            {
                if (!sb.isEmpty())
                {
                    sb.append(' ');
                }
                sb.append(pair.getKey()).append('=').append(pair.getValue());
            }
            return sb.toString();
        }
    }

    private final long timeNs;
    private final long epochMs;
    private final List<Counter> counters;

    private CounterSnapshot(final long timeNs, final long epochMs, final List<Counter> counters)
    {
        this.timeNs = timeNs;
        this.epochMs = epochMs;
        this.counters = counters;
    }

    /**
     * Read every allocated counter.
     *
     * @param reader counters.
     * @return the snapshot.
     */
    static CounterSnapshot take(final CountersReader reader)
    {
        final List<Counter> counters = new ArrayList<>();
        reader.forEach((counterId, typeId, keyBuffer, label) -> counters.add(new Counter(
            counterId, typeId, reader.getCounterValue(counterId), label, name(label), pairs(typeId, keyBuffer, label))));
        return new CounterSnapshot(System.nanoTime(), System.currentTimeMillis(), counters);
    }

    /**
     * Monotonic time taken.
     *
     * @return ns.
     */
    long timeNs()
    {
        return timeNs;
    }

    /**
     * Wall-clock time taken.
     *
     * @return ms since the epoch.
     */
    long epochMs()
    {
        return epochMs;
    }

    /**
     * Every counter.
     *
     * @return every counter.
     */
    List<Counter> counters()
    {
        return Collections.unmodifiableList(counters);
    }

    /**
     * Value of a counter of the same id, type and label in another snapshot.
     *
     * @param counter a counter of this or another snapshot.
     * @return its value there, or {@code Long.MIN_VALUE}.
     */
    long valueOf(final Counter counter)
    {
        for (final Counter other : counters)
        {
            if (other.counterId() == counter.counterId() && other.typeId() == counter.typeId() &&
                other.label().equals(counter.label()))
            {
                return other.value();
            }
        }
        return Long.MIN_VALUE;
    }

    /**
     * Lag in bytes of every subscriber: the stream's furthest producer position (publisher position on IPC,
     * receiver high-water mark on UDP) minus the subscriber's position.
     *
     * @return one entry per subscriber position counter, with its stream pairs.
     */
    List<Counter> subscriberLags()
    {
        final Map<String, Long> producer = new HashMap<>();
        for (final Counter counter : counters)
        {
            if (AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID == counter.typeId() ||
                AeronCounters.DRIVER_RECEIVER_HWM_TYPE_ID == counter.typeId())
            {
                producer.merge(streamKey(counter), counter.value(), Math::max);
            }
        }
        final List<Counter> lags = new ArrayList<>();
        for (final Counter counter : counters)
        {
            if (AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID == counter.typeId())
            {
                final Long top = producer.get(streamKey(counter));
                if (null != top)
                {
                    lags.add(new Counter(counter.counterId(), counter.typeId(), Math.max(0, top - counter.value()),
                        counter.label(), "subscriber lag bytes", counter.pairs()));
                }
            }
        }
        return lags;
    }

    private static String streamKey(final Counter counter)
    {
        return counter.pairs().get("session_id") + "/" + counter.pairs().get("stream_id") + "/" +
            counter.pairs().get("channel");
    }

    /**
     * The label before its {@code : key=value} pairs.
     *
     * @param label a label.
     * @return the name part.
     */
    static String name(final String label)
    {
        final int colon = label.indexOf(": ");
        return colon < 0 ? label.trim() : label.substring(0, colon).trim();
    }

    /**
     * The {@code key=value} pairs after the first {@code ": "} of a label of ours; for Aeron's stream counters the
     * registration, session, stream and channel from the key.
     */
    private static Map<String, String> pairs(final int typeId, final DirectBuffer keyBuffer, final String label)
    {
        final Map<String, String> pairs = new LinkedHashMap<>();
        if (CounterTypes.isAlphaPulse(typeId))
        {
            final int colon = label.indexOf(": ");
            if (colon >= 0)
            {
                for (final String token : label.substring(colon + 2).split("[\\s,]+"))
                {
                    final int equals = token.indexOf('=');
                    if (equals > 0 && equals < token.length() - 1)
                    {
                        pairs.put(CounterTypes.snakeCase(token.substring(0, equals)), token.substring(equals + 1));
                    }
                }
            }
        }
        else if (isStreamCounter(typeId))
        {
            pairs.put("registration_id", Long.toString(keyBuffer.getLong(0)));
            pairs.put("session_id", Integer.toString(keyBuffer.getInt(8)));
            pairs.put("stream_id", Integer.toString(keyBuffer.getInt(12)));
            final int channelLength = Math.min(keyBuffer.getInt(16), CountersReader.MAX_KEY_LENGTH - 20);
            pairs.put("channel", channelLength > 0 ? keyBuffer.getStringWithoutLengthAscii(20, channelLength) : "");
        }
        return pairs;
    }

    /**
     * Whether a type id is one of the driver's stream position counters, whose key is registration id, session id,
     * stream id and channel.
     *
     * @param typeId type id.
     * @return true for publisher limit and position, sender position and limit, receiver HWM and position, and
     * subscriber position.
     */
    static boolean isStreamCounter(final int typeId)
    {
        return AeronCounters.DRIVER_PUBLISHER_LIMIT_TYPE_ID == typeId ||
            AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID == typeId ||
            AeronCounters.DRIVER_RECEIVER_HWM_TYPE_ID == typeId ||
            AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID == typeId ||
            AeronCounters.DRIVER_RECEIVER_POS_TYPE_ID == typeId ||
            AeronCounters.DRIVER_SENDER_LIMIT_TYPE_ID == typeId ||
            AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID == typeId;
    }
}
