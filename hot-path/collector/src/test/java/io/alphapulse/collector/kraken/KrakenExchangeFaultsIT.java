/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.Collector;
import io.alphapulse.collector.CollectorHarness;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.Timestamps;
import io.alphapulse.driver.PulseCounters;
import io.alphapulse.schemas.marketdata.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An exchange that misbehaves, one test per fault: it sends garbage, closes abruptly, stalls, or jumps its
 * timestamps. The exchange is a real WebSocket server speaking Kraken's v2 protocol ({@link LocalKrakenExchange},
 * with its synthetic books and trades flowing); the collector runs on its own thread with a real media driver; the
 * test reads the collector's Aeron stream.
 * <p>
 * Besides its synthetic flow, the test sends trades of its own ("marked", trade ids from {@link #MARK}) before and
 * after each fault, each only while a connection is subscribed. For every fault the collector must count it (its
 * Aeron counters), say it once (the error reporter's output, or a feed event), keep running or reconnect with
 * backoff, resubscribe and take a fresh book snapshot, and publish every marked trade exactly once, in order.
 */
class KrakenExchangeFaultsIT
{
    private static final String BTC = "BTC/USD";
    private static final String ETH = "ETH/USD";
    private static final int BTC_ID = catalogueId("BTC-USD");
    private static final int ETH_ID = catalogueId("ETH-USD");
    private static final long STEP_MS = 15_000;
    private static final long MARK = 7_000_000_000L;
    private static final Pattern RECONNECT_DELAY = Pattern.compile("reconnecting in (\\d+) ms");

    @TempDir
    Path tempDir;

    private final ByteArrayOutputStream errOutput = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private CollectorHarness harness;
    private LocalKrakenExchange exchange;
    private long nextMark = MARK;
    private final List<Long> marked = new ArrayList<>();

    @BeforeEach
    void captureErrors()
    {
        // The collector's error reporter prints to System.err as it is when the collector starts: keep a copy.
        originalErr = System.err;
        final PrintStream tee = new PrintStream(new OutputStream()
        {
            public void write(final int b)
            {
                originalErr.write(b);
                synchronized (errOutput)
                {
                    errOutput.write(b);
                }
            }

            public void write(final byte[] b, final int off, final int len)
            {
                originalErr.write(b, off, len);
                synchronized (errOutput)
                {
                    errOutput.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
    }

    @AfterEach
    void tearDown()
    {
        try
        {
            if (null != harness)
            {
                harness.close();
            }
            if (null != exchange)
            {
                exchange.close();
            }
        }
        finally
        {
            System.setErr(originalErr);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void garbageIsCountedAndReportedOnceWhileEveryValidTradeIsPublishedOnce() throws Exception
    {
        start(new Collector.Context());
        final long errorsBefore = harness.collector().agent().decodeErrors();

        final List<String> garbage = List.of(
            "{not json",
            "",
            "\u0000\u0001\u0002\u0003",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\"",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"buy\"," +
                "\"price\":\"NaN\",\"qty\":1,\"ord_type\":\"limit\",\"trade_id\":1," +
                "\"timestamp\":\"2026-01-02T03:04:05.678901Z\"}]}",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"buy\"," +
                "\"price\":1e400,\"qty\":1,\"ord_type\":\"limit\",\"trade_id\":1," +
                "\"timestamp\":\"2026-01-02T03:04:05.678901Z\"}]}",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"buy\"," +
                "\"price\":100.5,\"qty\":1,\"ord_type\":\"limit\",\"trade_id\":1,\"timestamp\":\"yesterday\"}]}",
            "[".repeat(100_000),
            "{\"channel\":\"" + "x".repeat(1_000_000));
        final int rounds = 3;
        final int markStart = harness.messages().size();
        for (int round = 0; round < rounds; round++)
        {
            for (final String frame : garbage)
            {
                pushMarked(BTC, nowNs());
                exchange.push(frame);
            }
            pushMarked(ETH, nowNs());
            exchange.pushBinary(new byte[]{'{', '}', 0, (byte)0xFF});
        }
        pushMarked(BTC, nowNs());

        awaitMarkedPublished(markStart);
        final long expectedErrors = errorsBefore + rounds * (garbage.size() + 1L);
        harness.awaitCondition("every bad frame counted", () ->
            harness.collector().agent().decodeErrors() >= expectedErrors, STEP_MS);
        assertEquals(expectedErrors, harness.collector().agent().decodeErrors(), "each bad frame counted once");
        harness.awaitCondition("the decode error counter", () ->
            harness.counter(PulseCounters.COLLECTOR_DECODE_ERRORS_TYPE_ID) == expectedErrors, STEP_MS);

        // Said once each, however often it came: three rounds of the same frames, one line per kind.
        final String errors = errors();
        final int decodeErrorLines = count(errors, "decode error: ");
        assertTrue(decodeErrorLines >= 1 && decodeErrorLines <= garbage.size(), "at most one line per kind: " + errors);
        assertEquals(1, count(errors, "binary frame dropped: the exchange's protocol is text"), errors);
        assertEquals(1, exchange.connections(), "garbage is no reason to reconnect");
        assertEquals(0, lines(0, "event DISCONNECTED ").size());
        assertEquals(List.of(), lines(0, "event CROSSED_BOOK "));
        assertEquals(List.of(), lines(0, "event CHECKSUM_FAILURE "));
        assertEquals(0, harness.rejected(), "messages the subscriber could not read");
        assertEquals(List.of(), exchange.failures());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void abruptClosesAreReportedAndFollowedByBackoffResubscribeAndResync() throws Exception
    {
        final long minMs = 100;
        final long maxMs = 800;
        start(new Collector.Context()
            .reconnectDelays(TimeUnit.MILLISECONDS.toNanos(minMs), TimeUnit.MILLISECONDS.toNanos(maxMs)));
        final int markStart = harness.messages().size();
        pushMarked(BTC, nowNs());
        pushMarked(ETH, nowNs());
        awaitMarkedPublished(markStart);

        // (a) The TCP connection drops, no close frame.
        int requests = exchange.received().size();
        exchange.dropConnections();
        int at = awaitReconnected(0, "closed by the exchange: 1006", requests);
        pushMarked(BTC, nowNs());
        pushMarked(ETH, nowNs());
        awaitMarkedPublished(markStart);

        // (b) The exchange closes with a close frame (going away), as for maintenance.
        requests = exchange.received().size();
        exchange.closeConnections(1001, "maintenance");
        at = awaitReconnected(at, "closed by the exchange: 1001 maintenance", requests);
        pushMarked(BTC, nowNs());
        awaitMarkedPublished(markStart);

        // (c) Overloaded: the next four connections are closed as soon as they open; then it serves again.
        requests = exchange.received().size();
        exchange.refuseConnections(4);
        exchange.dropConnections();
        // Each refusal is one DISCONNECTED: usually the close frame's 1013; when the client's subscribe request is
        // already on its way, the socket may break first ("connection error: ... Broken pipe").
        final int refusedFrom = at + 1;
        for (int i = 0; i < 4; i++)
        {
            at = harness.awaitIndex(at + 1, "refused connection " + i, (m) ->
                m.startsWith("event DISCONNECTED - ") && (m.contains("closed by the exchange: 1013 try again later") ||
                m.contains("connection error: ")), STEP_MS);
        }
        assertTrue(lines(refusedFrom, (m) -> m.contains("closed by the exchange: 1013 try again later")).size() >= 1,
            "the exchange's reason reported");
        at = awaitReconnected(at, null, requests);
        pushMarked(BTC, nowNs());
        pushMarked(ETH, nowNs());
        awaitMarkedPublished(markStart);

        // Reported once per event; the connects counter agrees with the server.
        final List<String> disconnects = lines(0, "event DISCONNECTED ");
        assertEquals(7, disconnects.size(), disconnects.toString());
        assertEquals(8, lines(0, "event CONNECTED ").size());
        assertEquals(8, exchange.connections());
        harness.awaitCondition("the connects counter", () ->
            harness.counter(PulseCounters.COLLECTOR_CONNECTS_TYPE_ID) == 8, STEP_MS);

        // Backoff: the k-th delay in a run of unstable connections is drawn from [min, min * 2^(k-1)], capped at max.
        for (int k = 1; k <= disconnects.size(); k++)
        {
            final Matcher matcher = RECONNECT_DELAY.matcher(disconnects.get(k - 1));
            assertTrue(matcher.find(), disconnects.get(k - 1));
            final long delayMs = Long.parseLong(matcher.group(1));
            final long ceilingMs = Math.min(maxMs, minMs << (k - 1));
            assertTrue(delayMs >= minMs && delayMs <= ceilingMs,
                "delay " + k + " = " + delayMs + " ms, expected " + minMs + ".." + ceilingMs);
        }
        final List<Long> accepted = exchange.connectTimesNs();
        for (int i = 1; i < accepted.size(); i++)
        {
            final long gapMs = TimeUnit.NANOSECONDS.toMillis(accepted.get(i) - accepted.get(i - 1));
            assertTrue(gapMs >= minMs, "connection " + i + " came " + gapMs + " ms after the one before");
        }
        assertEquals(0, harness.rejected());
        assertEquals(List.of(), exchange.failures());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFrameLargerThanTheRingIsGivenUpWithAReconnectNotAnUnboundedBuffer() throws Exception
    {
        // A 1 MiB ring takes frames up to 128 KiB; the exchange sends one of 4 MiB (it could as well never end).
        start(new Collector.Context().frameBufferBytes(1024 * 1024));
        final int markStart = harness.messages().size();
        pushMarked(BTC, nowNs());
        awaitMarkedPublished(markStart);

        final int requests = exchange.received().size();
        exchange.push("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[" + "1,".repeat(2 * 1024 * 1024) + "1]}");
        awaitReconnected(0, "a frame larger than the frame ring allows", requests);
        pushMarked(BTC, nowNs());
        pushMarked(ETH, nowNs());
        awaitMarkedPublished(markStart);
        assertEquals(1, lines(0, "event DISCONNECTED ").size());
        assertEquals(0, harness.collector().agent().decodeErrors(), "nothing of it reached the decoder");
        assertEquals(0, harness.rejected());
        assertEquals(List.of(), exchange.failures());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStalledExchangeIsDetectedByTheIdleTimeoutAndReplacedByAFreshConnection() throws Exception
    {
        final long idleMs = 2_000;
        start(new Collector.Context()
            .idleTimeoutNs(TimeUnit.MILLISECONDS.toNanos(idleMs))
            .staleTimeoutNs(TimeUnit.SECONDS.toNanos(60)));
        final int markStart = harness.messages().size();
        pushMarked(BTC, nowNs());
        pushMarked(ETH, nowNs());
        awaitMarkedPublished(markStart);

        // The exchange hangs: the socket stays open, nothing comes, pings go unanswered.
        final int requests = exchange.received().size();
        final long stalledNs = System.nanoTime();
        exchange.stall();
        final int at = awaitReconnected(0, "no frame for " + idleMs + " ms", requests);
        final long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledNs);
        assertTrue(detectedMs >= idleMs / 2, "not given up before the idle timeout: " + detectedMs + " ms");
        pushMarked(BTC, nowNs());
        pushMarked(ETH, nowNs());
        awaitMarkedPublished(markStart);

        assertEquals(1, lines(0, "event DISCONNECTED ").size());
        assertEquals(2, exchange.connections());
        assertTrue(exchange.received().stream().anyMatch((m) -> m.contains("\"method\":\"ping\"")),
            "the quiet connection was probed before it was given up");
        assertEquals(List.of(), lines(at, "event STALE_CHANNEL "), "the whole connection, not one channel");
        assertEquals(0, harness.rejected());
        assertEquals(List.of(), exchange.failures());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void timestampJumpsArePublishedUntouchedCountedAndReportedOncePerConnection() throws Exception
    {
        start(new Collector.Context()
            .clockSkewTolerance(TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(60)));
        final long hourNs = TimeUnit.HOURS.toNanos(1);
        final int markStart = harness.messages().size();
        final long beforeNs = nowNs();
        final long[] exchangeTimes = {
            nowNs(),
            nowNs() + hourNs,
            Instant.parse("2099-12-31T23:59:59.999999Z").toEpochMilli() * 1_000_000L + 999_000L,
            nowNs() - hourNs,
            Instant.parse("2001-01-01T00:00:00Z").toEpochMilli() * 1_000_000L,
            nowNs(),
        };
        for (final long exchangeTimeNs : exchangeTimes)
        {
            pushMarked(BTC, exchangeTimeNs);
        }
        final List<String> published = awaitMarkedPublished(markStart);
        final long afterNs = nowNs();

        for (int i = 0; i < exchangeTimes.length; i++)
        {
            final String line = published.get(i);
            assertEquals(exchangeTimes[i] / 1_000 * 1_000, field(line, "xt"), "exchange time as sent: " + line);
            final long receiveTimeNs = field(line, "rt");
            assertTrue(receiveTimeNs >= beforeNs - TimeUnit.SECONDS.toNanos(1) && receiveTimeNs <= afterNs,
                "receive time is the collector's clock: " + line);
        }
        harness.awaitCondition("the clock skew counter", () ->
            harness.counter(PulseCounters.COLLECTOR_CLOCK_SKEW_TYPE_ID) == 4, STEP_MS);
        assertEquals(4, harness.collector().agent().clockSkewCount());
        final String errors = errors();
        assertEquals(1, count(errors, "clock skew: "), errors);
        assertTrue(errors.contains("clock skew: exchange time " + Timestamps.formatIso8601(exchangeTimes[1] /
            1_000 * 1_000, 9) + " of BTC-USD is "), errors);
        assertTrue(errors.contains(" ahead of its receive time "), errors);
        final List<String> skewEvents = lines(markStart, "event CLOCK_SKEW ");
        assertEquals(1, skewEvents.size(), "one feed event per connection: " + skewEvents);
        assertTrue(skewEvents.get(0).contains(" ahead of its receive time "), skewEvents.get(0));
        assertEquals(1, exchange.connections(), "a wrong clock is no reason to reconnect");
        assertEquals(0, harness.collector().agent().decodeErrors());

        // A new connection: reported once again, so an operator sees it is still happening.
        final int requests = exchange.received().size();
        exchange.dropConnections();
        awaitReconnected(0, "closed by the exchange: 1006", requests);
        pushMarked(ETH, nowNs() - 2 * hourNs);
        awaitMarkedPublished(markStart);
        harness.awaitCondition("the clock skew counter", () ->
            harness.counter(PulseCounters.COLLECTOR_CLOCK_SKEW_TYPE_ID) == 5, STEP_MS);
        final String errorsAfter = errors();
        assertEquals(2, count(errorsAfter, "clock skew: "), errorsAfter);
        assertTrue(errorsAfter.contains(" of ETH-USD is "), errorsAfter);
        assertTrue(errorsAfter.contains(" behind its receive time "), errorsAfter);
        harness.awaitCondition("a second clock skew feed event", () ->
            lines(markStart, "event CLOCK_SKEW ").size() == 2, STEP_MS);
        assertEquals(0, harness.rejected());
        assertEquals(List.of(), exchange.failures());
    }

    private void start(final Collector.Context ctx) throws Exception
    {
        exchange = new LocalKrakenExchange(List.of(BTC, ETH), 11, 10);
        ctx.protocol(new KrakenProtocol())
            .symbols(List.of("BTC-USD", "ETH-USD"))
            .endpoint(exchange.uri());
        if (ctx.reconnectMinNs() == io.alphapulse.collector.CollectorConfiguration.RECONNECT_MIN_NS_DEFAULT)
        {
            ctx.reconnectDelays(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(200));
        }
        harness = new CollectorHarness(tempDir, ctx);
        final int connected = harness.awaitIndex(0, "connected", (m) -> m.startsWith("event CONNECTED "), STEP_MS);
        awaitSynchronised(connected);
    }

    /**
     * After {@code from}: a DISCONNECTED whose detail contains {@code reason} (any, if null), then a CONNECTED, the
     * three subscriptions again (after the first {@code requestsBefore} client messages, counted before the fault) and
     * a fresh book of each pair; the index of the CONNECTED.
     */
    private int awaitReconnected(final int from, final String reason, final int requestsBefore)
    {
        final int disconnected = harness.awaitIndex(from, "disconnect" + (null == reason ? "" : ": " + reason),
            (m) -> m.startsWith("event DISCONNECTED - ") && (null == reason || m.contains(reason)), STEP_MS);
        final int connected = harness.awaitIndex(disconnected, "reconnected",
            (m) -> m.startsWith("event CONNECTED - "), STEP_MS);
        // A copy first: a sub-list view of the server's copy-on-write list fails when a message arrives meanwhile.
        harness.awaitCondition("resubscribed", () -> since(exchange.received(), requestsBefore).stream()
            .filter((m) -> m.startsWith("{\"method\":\"subscribe\"")).count() >= 3, STEP_MS);
        awaitSynchronised(connected);
        return connected;
    }

    private void awaitSynchronised(final int from)
    {
        for (final int id : new int[]{BTC_ID, ETH_ID})
        {
            final int snapshot = harness.awaitIndex(from, "book snapshot of " + id,
                (m) -> m.startsWith("snapshot " + id + " "), STEP_MS);
            harness.awaitIndex(snapshot, "book update of " + id, (m) -> m.startsWith("update " + id + " "), STEP_MS);
            harness.awaitIndex(from, "trade of " + id, (m) -> m.startsWith("trade " + id + " "), STEP_MS);
        }
    }

    private void pushMarked(final String symbol, final long exchangeTimeNs)
    {
        final long id = nextMark++;
        marked.add(id);
        exchange.push("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"" + symbol + "\"," +
            "\"side\":\"sell\",\"price\":1234.5,\"qty\":0.25,\"ord_type\":\"market\",\"trade_id\":" + id +
            ",\"timestamp\":\"" + Timestamps.formatIso8601(exchangeTimeNs, 6) + "\"}]}");
    }

    /**
     * Wait until every marked trade sent so far is on the stream; each exactly once, in the order sent, with its
     * price and quantity. The lines of the marked trades, in order.
     */
    private List<String> awaitMarkedPublished(final int from)
    {
        final long last = marked.get(marked.size() - 1);
        harness.awaitIndex(from, "marked trade " + last, (m) -> m.contains(" id=" + last + " "), STEP_MS);
        final List<String> published = lines(from, (m) -> m.startsWith("trade ") && field(m, "id") >= MARK);
        final List<Long> ids = published.stream().map((m) -> field(m, "id")).toList();
        assertEquals(marked, ids, "every marked trade once, in order");
        for (final String line : published)
        {
            assertTrue(line.matches("trade (" + BTC_ID + " 12345|" + ETH_ID + " 123450)x25000000 SELL .*"), line);
        }
        return published;
    }

    private List<String> lines(final int from, final String prefix)
    {
        return lines(from, (m) -> m.startsWith(prefix));
    }

    private List<String> lines(final int from, final java.util.function.Predicate<String> predicate)
    {
        return since(harness.messages(), from).stream().filter(predicate).toList();
    }

    private static List<String> since(final List<String> messages, final int from)
    {
        final List<String> copy = List.copyOf(messages);
        return copy.subList(Math.min(from, copy.size()), copy.size());
    }

    private String errors()
    {
        synchronized (errOutput)
        {
            return errOutput.toString(StandardCharsets.UTF_8);
        }
    }

    private static long field(final String line, final String name)
    {
        final Matcher matcher = Pattern.compile(" " + name + "=(-?\\d+)").matcher(line);
        assertTrue(matcher.find(), name + " in " + line);
        return Long.parseLong(matcher.group(1));
    }

    private static int count(final String text, final String what)
    {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length()))
        {
            count++;
        }
        return count;
    }

    private static long nowNs()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static int catalogueId(final String symbol)
    {
        return new InstrumentRegistry().byCanonical(Exchange.KRAKEN, symbol).id();
    }
}
