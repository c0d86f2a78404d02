/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;

/**
 * Load generators outside the server's JVM: {@link HttpLoad} in a child JVM (always available), and Debian's
 * {@code wrk} when it is on the PATH (a C load generator; closed loop only, so it gives a saturation cross-check).
 */
final class ExternalLoad
{
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
        Pattern.MULTILINE);
    private static final Pattern WRK_NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern WRK_ERRORS = Pattern.compile("Socket errors:.*");

    private final int connections;

    ExternalLoad(final int connections)
    {
        this.connections = connections;
    }

    /**
     * Outcome of a load run.
     *
     * @param requests  requests answered with 200 in the measured period.
     * @param seconds   length of the measured period.
     * @param histogram latencies (ns); from the due time in fixed-rate runs.
     * @param lateSends requests sent more than 1 ms after they were due (the server or the generator fell behind).
     * @param unanswered requests due in the period with no answer by its end (counted in the latencies at the time
     *                  from their due time to the end: a floor).
     * @param p50Ns     median (ns), kept separately for wrk, which gives no histogram.
     * @param p99Ns     99th percentile (ns).
     */
    record Load(
        long requests, double seconds, Histogram histogram, long lateSends, long unanswered, long p50Ns, long p99Ns)
    {
        double rate()
        {
            return requests / seconds;
        }

        double p50Ms()
        {
            return p50Ns / 1e6;
        }

        double p99Ms()
        {
            return p99Ns / 1e6;
        }

        double maxMs()
        {
            return null == histogram ? Double.NaN : histogram.getMaxValue() / 1e6;
        }
    }

    /**
     * Run {@link HttpLoad} in a child JVM and read its result.
     *
     * @param uri      the URL to GET.
     * @param token    bearer token, or null.
     * @param rate     requests per second, or 0 for saturation.
     * @param warmup   discarded first part.
     * @param duration measured part.
     * @return the outcome.
     * @throws IOException          when the child cannot be run or fails.
     * @throws InterruptedException when interrupted.
     */
    Load javaLoad(final URI uri, final String token, final double rate, final Duration warmup,
        final Duration duration) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small, single-threaded client: no JIT compiler threads to spare on 2 cores beyond C1+C2 defaults.
        command.add("-Xmx128m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HttpLoad.class.getName());
        command.add("--url");
        command.add(uri.toString());
        command.add("--connections");
        command.add(Integer.toString(connections));
        command.add("--rate");
        command.add(Double.toString(rate));
        command.add("--warmup-ms");
        command.add(Long.toString(warmup.toMillis()));
        command.add("--duration-ms");
        command.add(Long.toString(duration.toMillis()));
        if (null != token)
        {
            command.add("--header");
            command.add("Authorization: Bearer " + token);
        }
        final String output = runProcess(command, warmup.plus(duration).plusSeconds(60));
        final String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        final JsonNode json = new ObjectMapper().readTree(last);
        final Histogram histogram;
        try
        {
            histogram = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(json.get("histogram").asText())), 0);
        }
        catch (final DataFormatException ex)
        {
            throw new IOException("bad histogram from the load generator", ex);
        }
        final long failed = json.get("otherStatus").asLong() + json.get("ioErrors").asLong();
        if (failed > 0)
        {
            throw new IllegalStateException(failed + " requests to " + uri + " failed (" +
                json.get("otherStatus").asLong() + " with a status other than 200, " + json.get("ioErrors").asLong() +
                " connection errors; " + json.get("ok").asLong() + " ok)");
        }
        return new Load(json.get("ok").asLong(), json.get("seconds").asDouble(), histogram,
            json.get("lateSends").asLong(), json.get("unanswered").asLong(), histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(99));
    }

    /**
     * Whether {@code wrk} is on the PATH.
     *
     * @return its path, or null.
     */
    static Path wrk()
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A saturation run of {@code wrk} (one thread, this many connections).
     *
     * @param wrk      the executable.
     * @param uri      the URL.
     * @param token    bearer token, or null.
     * @param duration how long.
     * @return rate and percentiles (no histogram).
     * @throws IOException          when it cannot be run or reports errors.
     * @throws InterruptedException when interrupted.
     */
    Load wrkLoad(final Path wrk, final URI uri, final String token, final Duration duration)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t1", "-c" + connections,
            "-d" + duration.toSeconds() + "s", "--latency"));
        if (null != token)
        {
            command.add("-H");
            command.add("Authorization: Bearer " + token);
        }
        command.add(uri.toString());
        final String output = runProcess(command, duration.plusSeconds(60));
        final Matcher rate = WRK_RATE.matcher(output);
        if (!rate.find())
        {
            throw new IOException("no rate in wrk's output:\n" + output);
        }
        final Matcher non2xx = WRK_NON_2XX.matcher(output);
        final Matcher errors = WRK_ERRORS.matcher(output);
        if (non2xx.find() || errors.find())
        {
            throw new IllegalStateException("wrk saw failed requests to " + uri + ":\n" + output);
        }
        long p50 = -1;
        long p99 = -1;
        final Matcher percentile = WRK_PERCENTILE.matcher(output);
        while (percentile.find())
        {
            final double value = Double.parseDouble(percentile.group(2));
            final long ns = (long)(value * switch (percentile.group(3))
            {
                case "us" -> 1e3;
                case "ms" -> 1e6;
                default -> 1e9;
            });
            if ("50".equals(percentile.group(1)))
            {
                p50 = ns;
            }
            else
            {
                p99 = ns;
            }
        }
        final double seconds = duration.toSeconds();
        return new Load(Math.round(Double.parseDouble(rate.group(1)) * seconds), seconds, null, 0, 0, p50, p99);
    }

    private static String runProcess(final List<String> command, final Duration timeout)
        throws IOException, InterruptedException
    {
        final Path output = Files.createTempFile("alphapulse-load", ".out");
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new IOException("the load generator did not finish in " + timeout + ": " + command.get(0));
            }
            final String text = Files.readString(output, StandardCharsets.UTF_8);
            if (0 != process.exitValue())
            {
                throw new IOException("the load generator failed (exit " + process.exitValue() + "):\n" + text);
            }
            return text;
        }
        finally
        {
            Files.deleteIfExists(output);
        }
    }
}
