/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.CncFileDescriptor;
import io.alphapulse.driver.MediaDriverConfiguration;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code pulse stat}: the Aeron counters of every process attached to a media driver, read from its CnC file
 * without connecting as a client.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Print the counters of the media driver and of every process attached to it (id, type, value, label),",
        "read straight from the driver's CnC file, so it works from another terminal against a running system.",
        "Issue #9 extends this to per-component tables with rates."
    })
final class StatCommand implements Callable<Integer>
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--watch", paramLabel = "SECONDS", description = "Refresh every SECONDS until Ctrl-C (default: print once).")
    int watchSeconds;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Only counters whose label matches REGEX.")
    Pattern filter;

    public Integer call() throws Exception
    {
        final String dir = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        try (CncCounters counters = CncCounters.mapOrNull(dir))
        {
            if (null == counters)
            {
                throw new IllegalArgumentException("no media driver in " + dir + " (no " +
                    CncFileDescriptor.CNC_FILE + "): start one with `ops/pulse media-driver` or `ops/pulse demo`, " +
                    "or point --aeron-dir at it");
            }

            do
            {
                print(dir, counters.reader());
                if (watchSeconds > 0)
                {
                    Thread.sleep(watchSeconds * 1000L);
                }
            }
            while (watchSeconds > 0);
        }
        return 0;
    }

    private void print(final String dir, final CountersReader counters)
    {
        System.out.println(Instant.now() + "  " + dir);
        System.out.printf("%5s %6s %20s  %s%n", "id", "type", "value", "label");
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (null == filter || filter.matcher(label).find())
            {
                System.out.printf("%5d %6d %,20d  %s%n", counterId, typeId, counters.getCounterValue(counterId), label);
            }
        });
        System.out.println();
    }
}
