/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.alphapulse.collector.Collector;
import io.alphapulse.collector.CollectorHarness;
import io.alphapulse.collector.LocalExchangeServer;
import io.alphapulse.collector.Timestamps;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.collector.source.SyntheticFrames.Mix;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Coinbase collector end to end: a real media driver, the collector with {@link CoinbaseProtocol}, and a real
 * WebSocket server on loopback that speaks Advanced Trade ({@link Venue}): it answers the collector's own subscribe
 * requests with {@code subscriptions} acks and {@code l2_data} snapshots, streams {@link CoinbaseSyntheticFrames}
 * with a gap-free {@code sequence_num} per connection, answers a {@code level2} unsubscribe and subscribe of one
 * product (a book resync) with an ack and a fresh snapshot, and rejects products it does not list. Every step is
 * awaited on the collector's Aeron stream with a bound.
 */
class CoinbaseCollectorIT
{
    private static final int BTC = 20000;
    private static final int ETH = 20001;
    private static final long STEP_TIMEOUT_MS = 10_000;
    private static final long PUMP_INTERVAL_US = 2_000;

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void streamsReconnectsResyncsAndWatchesOverAdvancedTrade() throws Exception
    {
        try (Venue venue = Venue.start(List.of("BTC-USD", "ETH-USD"), 2026);
            CollectorHarness harness = new CollectorHarness(tempDir, context(venue, List.of("BTC-USD", "ETH-USD"))
                .staleTimeoutNs(TimeUnit.MILLISECONDS.toNanos(1_500)));
            Stream stream = new Stream(harness))
        {
            final LocalExchangeServer server = venue.server();

            // (a) Subscribe requests as Advanced Trade wants them; snapshots, trades and book updates of both.
            final int connected = stream.await(0, "connected", (m) -> m.startsWith("event CONNECTED"));
            stream.awaitCondition("the four subscribe requests", () -> server.received().size() >= 4);
            assertSubscribeRequests(server.received().subList(0, 4), List.of("BTC-USD", "ETH-USD"));
            final String levels = " levels=" + 2 * Venue.SNAPSHOT_DEPTH + " ";
            stream.await(connected, "BTC-USD snapshot", (m) -> m.startsWith("snapshot " + BTC + levels));
            stream.await(connected, "ETH-USD snapshot", (m) -> m.startsWith("snapshot " + ETH + levels));
            stream.awaitData(connected, BTC, ETH);
            stream.await(connected, "a ticker", (m) -> m.startsWith("top "));

            // (b) A dropped connection: reconnect, subscribe again, sequence_num from 0 with new snapshots.
            final int requestsBeforeDrop = server.received().size();
            venue.pause();
            server.dropConnections();
            final int disconnected = stream.await(connected, "disconnect", (m) -> m.startsWith("event DISCONNECTED"));
            final int reconnected = stream.await(disconnected, "reconnect", (m) -> m.startsWith("event CONNECTED"));
            stream.awaitCondition("subscribe requests again",
                () -> server.received().size() >= requestsBeforeDrop + 4);
            assertSubscribeRequests(server.received().subList(requestsBeforeDrop, requestsBeforeDrop + 4),
                List.of("BTC-USD", "ETH-USD"));
            stream.await(reconnected, "BTC-USD rebuilt", (m) -> m.startsWith("event RESYNC_DONE " + BTC));
            stream.await(reconnected, "ETH-USD rebuilt", (m) -> m.startsWith("event RESYNC_DONE " + ETH));
            stream.awaitData(reconnected, BTC, ETH);
            assertEquals(2, server.connections());
            assertEquals(List.of(0L, 0L), venue.firstSequenceNums(), "sequence_num restarts at 0 per connection");
            assertEquals(List.of(), stream.gaps());

            // (c) A lost message: GAP with expected and received, a reconnect, every book rebuilt, data again.
            final long lost = venue.loseNextFrame();
            final int gap = stream.await(reconnected, "the gap", (m) -> m.startsWith("event GAP - "));
            stream.awaitCondition("the gap's sequence numbers", () -> !stream.gaps().isEmpty());
            assertEquals(List.of("expected=" + lost + " received=" + (lost + 1)), stream.gaps());
            stream.await(gap, "reconnect for the gap", (m) -> m.startsWith("event RESYNC_STARTED - "));
            final int afterGap = stream.await(gap, "reconnected after the gap",
                (m) -> m.startsWith("event CONNECTED"));
            stream.await(afterGap, "BTC-USD snapshot", (m) -> m.startsWith("snapshot " + BTC + " "));
            stream.await(afterGap, "ETH-USD snapshot", (m) -> m.startsWith("snapshot " + ETH + " "));
            stream.await(afterGap, "BTC-USD rebuilt", (m) -> m.startsWith("event RESYNC_DONE " + BTC));
            stream.await(afterGap, "ETH-USD rebuilt", (m) -> m.startsWith("event RESYNC_DONE " + ETH));
            stream.awaitData(afterGap, BTC, ETH);
            assertEquals(3, server.connections());
            assertEquals(List.of(0L, 0L, 0L), venue.firstSequenceNums());

            // (c) A bad book frame for ETH-USD only: that book resyncs by level2 resubscribe; BTC-USD carries on.
            final long errorsBeforeBadBook = harness.collector().agent().decodeErrors();
            final int requestsBeforeBadBook = server.received().size();
            final int beforeBadBook = stream.mark();
            venue.pushCrafted((sequenceNum) -> "{\"channel\":\"l2_data\",\"timestamp\":\"" + now() + "\"," +
                "\"sequence_num\":" + sequenceNum + ",\"events\":[{\"type\":\"update\",\"product_id\":\"ETH-USD\"," +
                "\"updates\":[{\"side\":\"bid\",\"event_time\":\"" + now() + "\",\"price_level\":\"19OO.25\"," +
                "\"new_quantity\":\"1.5\"}]}]}");
            final int resync = stream.await(beforeBadBook, "ETH-USD resync",
                (m) -> m.startsWith("event RESYNC_STARTED " + ETH + " "));
            stream.awaitCondition("level2 resubscribe of ETH-USD",
                () -> server.received().size() >= requestsBeforeBadBook + 2);
            assertEquals(List.of(
                Map.of("type", "unsubscribe", "product_ids", List.of("ETH-USD"), "channel", "level2"),
                Map.of("type", "subscribe", "product_ids", List.of("ETH-USD"), "channel", "level2")),
                parse(server.received().subList(requestsBeforeBadBook, requestsBeforeBadBook + 2)));
            final int resynced = stream.await(resync, "ETH-USD resynced",
                (m) -> m.startsWith("event RESYNC_DONE " + ETH));
            stream.await(resync, "fresh ETH-USD snapshot", (m) -> m.startsWith("snapshot " + ETH));
            stream.await(resync, "BTC-USD keeps publishing", (m) -> m.startsWith("update " + BTC + " "));
            stream.awaitData(resynced, BTC, ETH);
            assertFalse(stream.anyAfter(beforeBadBook, (m) -> m.startsWith("event RESYNC_STARTED " + BTC)),
                "BTC-USD's book is untouched");
            assertEquals(errorsBeforeBadBook + 1, harness.collector().agent().decodeErrors());
            assertEquals(requestsBeforeBadBook + 2, server.received().size(), "no other request: " +
                server.received().subList(requestsBeforeBadBook, server.received().size()));

            // (e) ETH-USD goes quiet while BTC-USD and heartbeats carry on: the watchdog reports it and resubscribes.
            final int requestsBeforeQuiet = server.received().size();
            final int beforeQuiet = stream.mark();
            venue.quiet("ETH-USD");
            final int stale = stream.await(beforeQuiet, "ETH-USD stale",
                (m) -> m.startsWith("event STALE_CHANNEL " + ETH + " "));
            assertTrue(stream.line(stale).contains("no data for 1500 ms"), stream.line(stale));
            stream.awaitCondition("watchdog resubscribe of ETH-USD",
                () -> server.received().size() >= requestsBeforeQuiet + 2);
            assertEquals(List.of(
                Map.of("type", "unsubscribe", "product_ids", List.of("ETH-USD"), "channel", "level2"),
                Map.of("type", "subscribe", "product_ids", List.of("ETH-USD"), "channel", "level2")),
                parse(server.received().subList(requestsBeforeQuiet, requestsBeforeQuiet + 2)));
            final int revived = stream.await(stale, "ETH-USD snapshot after the resubscribe",
                (m) -> m.startsWith("snapshot " + ETH));
            stream.awaitData(revived, BTC, ETH);
            assertFalse(stream.anyAfter(beforeQuiet, (m) -> m.startsWith("event STALE_CHANNEL " + BTC)),
                "BTC-USD never went stale");
            assertFalse(stream.anyAfter(beforeQuiet, (m) -> m.startsWith("event DISCONNECTED")),
                "a quiet product is not a dead connection");
            assertEquals(1, server.openConnections());

            // (f) Malformed frames: counted, nothing wrong published, the collector carries on.
            final long errorsBeforeMalformed = harness.collector().agent().decodeErrors();
            final int beforeMalformed = stream.mark();
            venue.truncateNextFrame();
            venue.pushCrafted((sequenceNum) -> "{\"channel\":\"market_trades\",\"timestamp\":\"" + now() + "\"," +
                "\"sequence_num\":" + sequenceNum + ",\"events\":[{\"type\":\"update\",\"trades\":[{\"product_id\":" +
                "\"BTC-USD\",\"trade_id\":\"1999999999\",\"price\":\"12345.67\",\"size\":\"0.-10000\",\"time\":\"" +
                now() + "\",\"side\":\"BUY\"}]}]}");
            stream.awaitCondition("two decode errors",
                () -> harness.collector().agent().decodeErrors() >= errorsBeforeMalformed + 2);
            stream.awaitData(stream.mark(), BTC, ETH);
            assertEquals(errorsBeforeMalformed + 2, harness.collector().agent().decodeErrors());
            assertFalse(stream.anyAfter(beforeMalformed, (m) -> m.startsWith("trade " + BTC + " 1234567x")),
                "the malformed trade is not published");
            assertFalse(stream.anyAfter(beforeMalformed, (m) -> m.startsWith("event GAP")), "no message lost");

            assertEquals(1, stream.gaps().size(), "the one forced gap only");
            assertFalse(stream.anyAfter(0, (m) -> m.startsWith("event CROSSED_BOOK")), "no crossed book");
            assertEquals(List.of(), venue.violations(), "requests the venue could not read");
            assertEquals(0, harness.rejected());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void rejectedProductIsReportedWhileTheOthersFlow() throws Exception
    {
        try (Venue venue = Venue.start(List.of("BTC-USD", "ETH-USD"), 7);
            CollectorHarness harness = new CollectorHarness(tempDir,
                context(venue, List.of("BTC-USD", "ETH-USD", "XYZ-USD")));
            Stream stream = new Stream(harness))
        {
            final LocalExchangeServer server = venue.server();

            final int connected = stream.await(0, "connected", (m) -> m.startsWith("event CONNECTED"));
            stream.awaitCondition("the four subscribe requests", () -> server.received().size() >= 4);
            assertSubscribeRequests(server.received().subList(0, 4), List.of("BTC-USD", "ETH-USD", "XYZ-USD"));

            int rejection = connected;
            for (final String channel : CoinbaseProtocol.CHANNELS)
            {
                rejection = stream.await(rejection + 1, "rejection of XYZ-USD on " + channel,
                    (m) -> m.startsWith("event SUBSCRIPTION_REJECTED - ") &&
                    m.endsWith("Failed to subscribe: XYZ-USD is not a valid product"));
            }
            stream.awaitData(rejection, BTC, ETH);
            assertFalse(stream.anyAfter(0, (m) -> m.startsWith("event GAP")));
            assertEquals(0, harness.collector().agent().decodeErrors());
            assertEquals(List.of(), venue.violations());
            assertEquals(0, harness.rejected());
        }
    }

    private static Collector.Context context(final Venue venue, final List<String> symbols)
    {
        return new Collector.Context()
            .protocol(new CoinbaseProtocol())
            .symbols(symbols)
            .endpoint(venue.server().uri("/"))
            // Twice the stale timeout, and far above the gaps between frames and heartbeats of a live connection. Not
            // longer: about one drop in twenty leaves the JDK client's socket in CLOSE_WAIT without onClose or
            // onError, and then only the idle timeout notices (the DISCONNECTED detail says "no frame for").
            .idleTimeoutNs(TimeUnit.SECONDS.toNanos(3))
            .reconnectDelays(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(200));
    }

    private static void assertSubscribeRequests(final List<String> requests, final List<String> productIds)
    {
        final List<Map<String, Object>> expected = new ArrayList<>();
        for (final String channel : CoinbaseProtocol.CHANNELS)
        {
            expected.add(Map.of("type", "subscribe", "product_ids", productIds, "channel", channel));
        }
        assertEquals(expected, parse(requests));
    }

    private static List<Map<String, Object>> parse(final List<String> requests)
    {
        final List<Map<String, Object>> parsed = new ArrayList<>();
        for (final String request : requests)
        {
            parsed.add(TestJson.object(request));
        }
        return parsed;
    }

    private static long nowNs()
    {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }

    private static String now()
    {
        return Timestamps.formatIso8601(nowNs(), 6);
    }

    /**
     * An Advanced Trade market-data server for one collector: answers subscribe requests, streams synthetic frames
     * from a pump thread, and loses, truncates or injects frames when the test says. The script (server threads)
     * and the pump share the generator under this object's lock, so frames go out in {@code sequence_num} order.
     * <p>
     * Modelling choice: a request naming a product the venue does not list is answered with Coinbase's
     * {@code {"type":"error","message":"Failed to subscribe","reason":"<id> is not a valid product"}} (the shape
     * recorded from the Exchange feed; Advanced Trade's is not in the recordings) while the listed products of the
     * same request are subscribed.
     */
    static final class Venue implements AutoCloseable
    {
        /**
         * Levels a side in the snapshots: at most 140 % of it, 70 levels, fit one Aeron IPC fragment (1,376 bytes of
         * payload at the default MTU; 17 bytes a level). {@link CollectorHarness} reads fragments without a
         * {@code FragmentAssembler}, so a larger snapshot would reach it in pieces it counts as rejected.
         */
        static final int SNAPSHOT_DEPTH = 25;

        private final List<String> products;
        private final CoinbaseSyntheticFrames frames;
        private final SyntheticFrames.FrameSink sink = this::send;
        private final Set<String> channelsSubscribed = new LinkedHashSet<>();
        private final Set<String> level2 = new LinkedHashSet<>();
        private final List<Long> firstSequenceNums = new CopyOnWriteArrayList<>();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private LocalExchangeServer server;
        private ScheduledExecutorService pump;
        private int connection;
        private boolean streaming;
        private long sequenceNum;
        private long loseSequenceNum = -1;
        private long pauseAfterSequenceNum = -1;
        private boolean truncateNext;
        private boolean firstOfConnection;
        private long nextHeartbeatNs;

        private Venue(final List<String> products, final long seed)
        {
            this.products = List.copyOf(products);
            this.frames = new CoinbaseSyntheticFrames(products, seed, Mix.MIXED, SNAPSHOT_DEPTH);
        }

        /**
         * A venue listing these products, listening on loopback and streaming every 2 ms while a subscribed
         * connection is open, with a heartbeat every second.
         *
         * @param products product ids it lists.
         * @param seed     of its frames.
         * @return the running venue.
         * @throws InterruptedException if interrupted while the server starts.
         */
        static Venue start(final List<String> products, final long seed) throws InterruptedException
        {
            final Venue venue = new Venue(products, seed);
            synchronized (venue)
            {
                venue.server = new LocalExchangeServer(venue::onClientMessage).startAndWait();
                venue.pump = Executors.newSingleThreadScheduledExecutor((runnable) ->
                {
                    final Thread thread = new Thread(runnable, "coinbase-venue-pump");
                    thread.setDaemon(true);
                    return thread;
                });
                venue.pump.scheduleAtFixedRate(
                    venue::pumpOnce, PUMP_INTERVAL_US, PUMP_INTERVAL_US, TimeUnit.MICROSECONDS);
            }
            return venue;
        }

        synchronized LocalExchangeServer server()
        {
            return server;
        }

        /**
         * Stop the pump, then the server.
         */
        public void close()
        {
            pump.shutdownNow();
            boolean stopped = false;
            try
            {
                stopped = pump.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            finally
            {
                server.close();
            }
            if (!stopped)
            {
                throw new IllegalStateException("venue pump did not stop within 5 s");
            }
        }

        synchronized void onClientMessage(final LocalExchangeServer server, final String message)
        {
            this.server = server;
            if (server.connections() != connection)
            {
                // A new connection: its sequence starts at 0 once it has subscribed.
                connection = server.connections();
                channelsSubscribed.clear();
                streaming = false;
            }

            final Map<String, Object> request;
            try
            {
                request = TestJson.object(message);
            }
            catch (final RuntimeException ex)
            {
                violations.add("not JSON: " + message);
                return;
            }
            final Object type = request.get("type");
            final Object channel = request.get("channel");
            if (!(request.get("product_ids") instanceof List<?> productIds) || !(channel instanceof String) ||
                !("subscribe".equals(type) || "unsubscribe".equals(type)))
            {
                violations.add("not an Advanced Trade subscribe or unsubscribe: " + message);
                return;
            }

            final List<String> listed = new ArrayList<>();
            for (final Object productId : productIds)
            {
                if (products.contains(productId))
                {
                    listed.add((String)productId);
                }
                else
                {
                    push("{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"" + productId +
                        " is not a valid product\"}");
                }
            }

            if ("subscribe".equals(type) && !channelsSubscribed.containsAll(CoinbaseProtocol.CHANNELS))
            {
                channelsSubscribed.add((String)channel);
                if (channelsSubscribed.containsAll(CoinbaseProtocol.CHANNELS))
                {
                    level2.clear();
                    level2.addAll(products);
                    sequenceNum = 0;
                    firstOfConnection = true;
                    frames.onSubscribed(sink, nowNs());
                    streaming = true;
                }
            }
            else if (CoinbaseProtocol.BOOK_CHANNEL.equals(channel))
            {
                // A book resync: level2 of these products off, then on again with a fresh snapshot.
                for (final String productId : listed)
                {
                    if ("unsubscribe".equals(type))
                    {
                        level2.remove(productId);
                        frames.productEnabled(productId, false);
                        pushAck();
                    }
                    else
                    {
                        level2.add(productId);
                        pushAck();
                        frames.bookSnapshot(productId, sink, nowNs());
                        frames.productEnabled(productId, true);
                    }
                }
            }
            else
            {
                violations.add("unexpected request on an established connection: " + message);
            }
        }

        synchronized void pause()
        {
            streaming = false;
        }

        /**
         * Lose the next frame and stop streaming after the one that follows it (the collector reconnects).
         *
         * @return sequence_num of the lost frame.
         */
        synchronized long loseNextFrame()
        {
            loseSequenceNum = sequenceNum;
            pauseAfterSequenceNum = sequenceNum + 1;
            return loseSequenceNum;
        }

        synchronized void truncateNextFrame()
        {
            truncateNext = true;
        }

        synchronized void quiet(final String productId)
        {
            frames.productEnabled(productId, false);
        }

        /**
         * Send a frame written by the test, numbered in the connection's sequence.
         *
         * @param frame the frame for a sequence_num.
         */
        synchronized void pushCrafted(final LongFunction<String> frame)
        {
            final long claimed = frames.claimSequenceNum();
            assertEquals(sequenceNum, claimed);
            sequenceNum++;
            push(frame.apply(claimed));
        }

        List<Long> firstSequenceNums()
        {
            return firstSequenceNums;
        }

        List<String> violations()
        {
            return violations;
        }

        private synchronized void pumpOnce()
        {
            if (streaming && server.connections() == connection)
            {
                final long nowNs = nowNs();
                if (nowNs - nextHeartbeatNs >= 0)
                {
                    nextHeartbeatNs = nowNs + TimeUnit.SECONDS.toNanos(1);
                    frames.heartbeat(sink, nowNs);
                }
                frames.next(sink, nowNs);
            }
        }

        private void pushAck()
        {
            final StringBuilder subscriptions = new StringBuilder("\"heartbeats\":[\"heartbeats\"]");
            appendChannel(subscriptions, "level2", level2);
            appendChannel(subscriptions, "market_trades", products);
            appendChannel(subscriptions, "ticker", products);
            final long claimed = frames.claimSequenceNum();
            sequenceNum++;
            push("{\"channel\":\"subscriptions\",\"timestamp\":\"" + Timestamps.formatIso8601(nowNs(), 9) +
                "\",\"sequence_num\":" + claimed + ",\"events\":[{\"subscriptions\":{" + subscriptions + "}}]}");
        }

        private void push(final String frame)
        {
            try
            {
                server.push(frame);
            }
            catch (final WebsocketNotConnectedException ex)
            {
                // The connection closed between the server's open check and the send: the frame is lost with it.
            }
        }

        private static void appendChannel(
            final StringBuilder subscriptions, final String channel, final Collection<String> productIds)
        {
            subscriptions.append(",\"").append(channel).append("\":[");
            boolean first = true;
            for (final String productId : productIds)
            {
                subscriptions.append(first ? "\"" : ",\"").append(productId).append('"');
                first = false;
            }
            subscriptions.append(']');
        }

        // Every generated frame goes out here, under the lock: the venue's mirror of sequence_num stays exact.
        private void send(final ExpandableArrayBuffer buffer, final int length)
        {
            final long frameSequenceNum = sequenceNum++;
            if (firstOfConnection)
            {
                firstOfConnection = false;
                firstSequenceNums.add(frameSequenceNum);
            }
            if (frameSequenceNum == loseSequenceNum)
            {
                loseSequenceNum = -1;
                return;
            }
            final String text = buffer.getStringWithoutLengthAscii(0, length);
            if (truncateNext)
            {
                truncateNext = false;
                push(text.substring(0, text.length() / 2));
            }
            push(text);
            if (frameSequenceNum == pauseAfterSequenceNum)
            {
                pauseAfterSequenceNum = -1;
                streaming = false;
            }
        }
    }

    /**
     * The harness's message lines read by index, so that a step waits for what follows an earlier line; and a second
     * subscriber on the stream for what the lines leave out (a gap's expected and received sequence).
     */
    static final class Stream implements AutoCloseable
    {
        private final CollectorHarness harness;
        private final Aeron aeron;
        private final Subscription subscription;
        private final List<String> gaps = new ArrayList<>();
        private final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onFeedEvent(final FeedEventDecoder event)
            {
                if (FeedEventType.GAP == event.eventType())
                {
                    gaps.add("expected=" + event.expectedSequence() + " received=" + event.receivedSequence());
                }
            }
        });
        private final FragmentHandler handler = (buffer, offset, length, header) -> reader.read(buffer, offset, length);
        private final IdleStrategy idle = new BackoffIdleStrategy(1, 10, 1_000, 1_000_000);

        Stream(final CollectorHarness harness)
        {
            this.harness = harness;
            final Collector.Context ctx = harness.collector().context();
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName()));
            subscription = aeron.addSubscription(ctx.channel(), ctx.streamId());
        }

        /**
         * Wait for a line at or after an index.
         *
         * @param from        first index to look at.
         * @param description what is awaited.
         * @param predicate   the line wanted.
         * @return index of the first such line.
         */
        int await(final int from, final String description, final Predicate<String> predicate)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
            final List<String> messages = harness.messages();
            int index = from;
            while (true)
            {
                while (index < messages.size())
                {
                    if (predicate.test(messages.get(index)))
                    {
                        return index;
                    }
                    index++;
                }
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new AssertionError("timed out after " + STEP_TIMEOUT_MS + " ms waiting for " + description +
                        "; last messages: " + messages.subList(Math.max(from, messages.size() - 20), messages.size()));
                }
                idle.idle(poll());
            }
        }

        void awaitCondition(final String description, final BooleanSupplier condition)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new AssertionError("timed out after " + STEP_TIMEOUT_MS + " ms waiting for " + description);
                }
                idle.idle(poll());
            }
        }

        /**
         * Wait for a trade and a book update of each instrument after an index.
         *
         * @param from          first index to look at.
         * @param instrumentIds instruments.
         */
        void awaitData(final int from, final int... instrumentIds)
        {
            for (final int id : instrumentIds)
            {
                await(from, "a trade of " + id, (m) -> m.startsWith("trade " + id + " "));
                await(from, "a book update of " + id, (m) -> m.startsWith("update " + id + " "));
            }
        }

        /**
         * Index of the next line: what is read after this call comes after it.
         *
         * @return lines so far.
         */
        int mark()
        {
            while (poll() > 0)
            {
                Thread.onSpinWait();
            }
            return harness.messages().size();
        }

        String line(final int index)
        {
            return harness.messages().get(index);
        }

        boolean anyAfter(final int from, final Predicate<String> predicate)
        {
            final List<String> messages = harness.messages();
            for (int i = from; i < messages.size(); i++)
            {
                if (predicate.test(messages.get(i)))
                {
                    return true;
                }
            }
            return false;
        }

        List<String> gaps()
        {
            poll();
            return gaps;
        }

        private int poll()
        {
            return harness.poll() + subscription.poll(handler, 100);
        }

        public void close()
        {
            CloseHelper.closeAll(subscription, aeron);
        }
    }
}
