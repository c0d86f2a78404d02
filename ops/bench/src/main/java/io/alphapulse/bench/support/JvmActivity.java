/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.support;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the JVM did between two points of a measurement: collections and their time per collector (from
 * {@link GarbageCollectorMXBean}) and bytes allocated by all threads (HotSpot's
 * {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}), so a latency record can say whether a
 * collection fell inside its measured window and how much the measured code allocated. Reading them costs a few
 * microseconds: outside the measured window only.
 * <p>
 * Collector names depend on the collector: Parallel reports {@code PS Scavenge} (young pauses) and
 * {@code PS MarkSweep} (full pauses); ZGC reports {@code ZGC Minor/Major Pauses} (its stop-the-world pauses, with
 * their time) beside {@code ZGC Minor/Major Cycles} (concurrent work, not pauses).
 */
public final class JvmActivity
{
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final com.sun.management.ThreadMXBean threads = threadBean();
    private final long[] counts;
    private final long[] timesMs;
    private long allocatedBytes;
    private final Map<Long, Long> threadAllocatedBytes = new HashMap<>();

    /**
     * Activity from now on.
     */
    public JvmActivity()
    {
        counts = new long[collectors.size()];
        timesMs = new long[collectors.size()];
        reset();
    }

    /**
     * Measure from now on.
     *
     * @return this.
     */
    public JvmActivity reset()
    {
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = collectors.get(i).getCollectionCount();
            timesMs[i] = collectors.get(i).getCollectionTime();
        }
        allocatedBytes = allocated();
        threadAllocatedBytes.clear();
        if (null != threads)
        {
            final long[] ids = threads.getAllThreadIds();
            final long[] bytes = threads.getThreadAllocatedBytes(ids);
            for (int i = 0; i < ids.length; i++)
            {
                threadAllocatedBytes.put(ids[i], bytes[i]);
            }
        }
        return this;
    }

    /**
     * Collector names, in the order of {@link #collectionsSince(int)}.
     *
     * @return names.
     */
    public List<String> collectorNames()
    {
        return collectors.stream().map(GarbageCollectorMXBean::getName).toList();
    }

    /**
     * Collections by one collector since {@link #reset()}.
     *
     * @param collector index in {@link #collectorNames()}.
     * @return count.
     */
    public long collectionsSince(final int collector)
    {
        return collectors.get(collector).getCollectionCount() - counts[collector];
    }

    /**
     * Collection time of one collector since {@link #reset()}, as the JVM accounts it (pauses for stop-the-world
     * collectors and ZGC's pause beans, concurrent time for ZGC's cycle beans).
     *
     * @param collector index in {@link #collectorNames()}.
     * @return milliseconds.
     */
    public long collectionMsSince(final int collector)
    {
        return collectors.get(collector).getCollectionTime() - timesMs[collector];
    }

    /**
     * Bytes allocated by every live thread since {@link #reset()} (threads that ended meanwhile are not counted).
     *
     * @return bytes, or -1 when the JVM does not measure it.
     */
    public long allocatedBytesSince()
    {
        final long now = allocated();
        return now < 0 || allocatedBytes < 0 ? -1 : now - allocatedBytes;
    }

    /**
     * The threads that allocated most since {@link #reset()} (threads started since count from zero).
     *
     * @param count how many.
     * @return e.g. {@code "ledger-service 1,234 B, main 567 B"}, most first.
     */
    public String topAllocatingThreads(final int count)
    {
        if (null == threads)
        {
            return "(not measured)";
        }
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        final List<Map.Entry<String, Long>> deltas = new ArrayList<>();
        for (int i = 0; i < ids.length; i++)
        {
            if (null != infos[i] && bytes[i] >= 0)
            {
                final long delta = bytes[i] - threadAllocatedBytes.getOrDefault(ids[i], 0L);
                if (delta > 0)
                {
                    deltas.add(Map.entry(infos[i].getThreadName(), delta));
                }
            }
        }
        deltas.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(count, deltas.size()); i++)
        {
            sb.append(i > 0 ? ", " : "").append(deltas.get(i).getKey())
                .append(String.format(Locale.ROOT, " %,d B", deltas.get(i).getValue()));
        }
        return sb.toString();
    }

    /**
     * One line: each collector's collections and milliseconds since {@link #reset()}, then bytes allocated.
     *
     * @return e.g. {@code "PS Scavenge 0 (0 ms), PS MarkSweep 0 (0 ms); 12,345 B allocated"}.
     */
    public String summary()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.length; i++)
        {
            sb.append(i > 0 ? ", " : "").append(collectors.get(i).getName()).append(' ')
                .append(collectionsSince(i)).append(" (").append(collectionMsSince(i)).append(" ms)");
        }
        return sb.append(String.format(Locale.ROOT, "; %,d B allocated", allocatedBytesSince())).toString();
    }

    private long allocated()
    {
        return null == threads ? -1 : threads.getTotalThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threadBean()
    {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean &&
            bean.isThreadAllocatedMemorySupported())
        {
            if (!bean.isThreadAllocatedMemoryEnabled())
            {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        return null;
    }
}
