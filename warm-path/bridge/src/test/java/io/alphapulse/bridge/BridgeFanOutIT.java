/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 real WebSocket clients with mixed subscriptions on a bridge reading a real merged stream. Every client but one
 * must receive exactly its filtered subset: trades, candles and status complete and in order; book and ticker, which
 * conflate, an in-order subsequence per instrument that ends with the latest value. One client stops reading: it is
 * conflated, then closed with 1013 and a reason, and nobody else notices.
 */
class BridgeFanOutIT
{
    private static final int PRICE_SCALE = 2;
    private static final int QUANTITY_SCALE = 8;
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final int MESSAGES = 6_000;
    private static final int BATCH = 200;
    private static final int BOOK_LEVELS = 100;

    private record Instrument(Exchange exchange, int id, String symbol)
    {
        String name()
        {
            return exchange.name().toLowerCase(Locale.ROOT);
        }
    }

    private record Sub(String channel, String exchange, String symbol, int depth)
    {
        boolean matches(final Event event)
        {
            return channel.equals(event.channel) && (null == exchange || exchange.equals(event.exchange)) &&
                (null == symbol || null == event.symbol || symbol.equals(event.symbol));
        }

        String json(final int id)
        {
            return "{\"op\":\"subscribe\",\"id\":" + id + ",\"channel\":\"" + channel + "\",\"exchange\":\"" +
                (null == exchange ? "*" : exchange) + "\",\"symbol\":\"" + (null == symbol ? "*" : symbol) + "\"" +
                ("book".equals(channel) ? ",\"depth\":" + depth : "") + "}";
        }
    }

    private record Event(String channel, String exchange, String symbol, String key, String signature)
    {
        boolean conflated()
        {
            return "book".equals(channel) || "ticker".equals(channel);
        }
    }

    private static final List<Instrument> INSTRUMENTS = List.of(
        new Instrument(Exchange.KRAKEN, 1, "BTC-USD"),
        new Instrument(Exchange.KRAKEN, 2, "ETH-USD"),
        new Instrument(Exchange.COINBASE, 20000, "BTC-USD"),
        new Instrument(Exchange.COINBASE, 20001, "ETH-USD"),
        new Instrument(Exchange.BINANCE, 40000, "BTC-USDT"),
        new Instrument(Exchange.BINANCE, 40001, "ETH-USDT"));

    @TempDir
    Path tempDir;

    private final List<Event> published = new ArrayList<>();
    private final Map<String, TreeMap<Long, Long>> books = new HashMap<>();
    private final Map<String, long[]> candles = new HashMap<>();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldGiveEveryClientExactlyItsSubsetAndCloseTheSlowOneAlone()
    {
        try (BridgeHarness harness = new BridgeHarness(tempDir, (ctx) -> ctx
            .authEnabled(false)
            .queueCapacity(512)
            .slowClientTimeoutNs(500_000_000L)
            .heartbeatIntervalNs(1_000_000_000L)))
        {
            final MergedStreamPublisher publisher = harness.publisher;
            for (final Instrument instrument : INSTRUMENTS)
            {
                publisher.definition(instrument.exchange(), instrument.id(), instrument.symbol(), PRICE_SCALE,
                    QUANTITY_SCALE, T0);
            }
            harness.awaitReceived(INSTRUMENTS.size());

            final String[] channels = {"trades", "book", "ticker", "candles", "status"};
            final String[] exchanges = {null, "kraken", "coinbase", "binance"};
            final String[] symbols = {null, "BTC-USD", "ETH-USD", "BTC-USDT"};
            final List<List<Sub>> subscriptions = new ArrayList<>();
            final List<TestClient> clients = new ArrayList<>();
            final TestClient slow = TestClient.connect(harness.http, harness.bridge.uri(), Map.of(), true);
            for (final Sub sub : List.of(new Sub("trades", null, null, 0), new Sub("book", null, null, 100),
                new Sub("ticker", null, null, 0)))
            {
                slow.send(sub.json(0));
            }
            for (int i = 1; i < 50; i++)
            {
                final List<Sub> subs = new ArrayList<>();
                final String channel = channels[i % 5];
                subs.add(new Sub(channel, exchanges[i % 4], "status".equals(channel) ? null : symbols[(i / 5) % 4],
                    5 + i % 6));
                if (0 == i % 2)
                {
                    subs.add(new Sub(channels[(i + 2) % 5], exchanges[(i + 1) % 4], null, 10));
                }
                if (0 == i % 7)
                {
                    subs.add(new Sub("status", null, null, 0));
                }
                final TestClient client = TestClient.connect(harness.http, harness.bridge.uri(), Map.of());
                int id = 1;
                for (final Sub sub : subs)
                {
                    client.send(sub.json(id++));
                }
                final int acks = subs.size();
                client.await((m) -> "ack".equals(m.path("type").asText()) && acks == m.path("id").asInt(), 20_000);
                subscriptions.add(subs);
                clients.add(client);
            }
            assertEquals(50, harness.bridge.stats().clients.get());

            final Random random = new Random(42);
            long published0 = INSTRUMENTS.size();
            for (final Instrument instrument : INSTRUMENTS)
            {
                publishSnapshot(publisher, instrument, random);
            }
            for (final Exchange exchange : List.of(Exchange.KRAKEN, Exchange.COINBASE, Exchange.BINANCE))
            {
                final long sequence = publisher.feedEvent(exchange, -1, FeedEventType.CONNECTED, "connected", T0);
                published.add(status(exchange, null, "connected", sequence));
            }
            published0 += INSTRUMENTS.size() + 3;

            long tradeId = 1_000;
            for (int n = 0; n < MESSAGES; n++)
            {
                final Instrument instrument = INSTRUMENTS.get(random.nextInt(INSTRUMENTS.size()));
                final int kind = random.nextInt(100);
                final long timeNs = T0 + 1_000L * n;
                if (kind < 55)
                {
                    publishTrade(publisher, instrument, tradeId++, random, timeNs);
                }
                else if (kind < 70)
                {
                    final long bid = 990_000 + random.nextInt(1000);
                    final long ask = bid + 1 + random.nextInt(100);
                    final long sequence = publisher.topOfBook(instrument.exchange(), instrument.id(), bid,
                        1 + random.nextInt(1_000_000), ask, 1 + random.nextInt(1_000_000), timeNs);
                    published.add(new Event("ticker", instrument.name(), instrument.symbol(),
                        "ticker|" + instrument.name() + "|" + instrument.symbol(),
                        "ticker|" + instrument.name() + "|" + instrument.symbol() + "|" + dec(bid, PRICE_SCALE) + "|" +
                        dec(ask, PRICE_SCALE) + "|" + sequence));
                }
                else if (kind < 98)
                {
                    publishBookUpdate(publisher, instrument, random, timeNs);
                }
                else
                {
                    final boolean stale = random.nextBoolean();
                    final FeedEventType type = stale ? FeedEventType.STALE_CHANNEL : FeedEventType.RESYNC_STARTED;
                    final long sequence = publisher.feedEvent(instrument.exchange(), instrument.id(), type,
                        "detail \"" + n + "\"", timeNs);
                    published.add(status(instrument.exchange(), instrument.symbol(),
                        type.name().toLowerCase(Locale.ROOT), sequence));
                }
                if (0 == (n + 1) % BATCH)
                {
                    harness.awaitReceived(published0 + n + 1);
                    awaitNonConflated(clients, subscriptions);
                }
            }
            harness.awaitReceived(published0 + MESSAGES);
            awaitNonConflated(clients, subscriptions);

            // Keep book pressure on (only book updates, conflated for everyone) until the stopped client is let go.
            long total = published0 + MESSAGES;
            final long deadline = System.nanoTime() + 90_000_000_000L;
            while (0 == harness.bridge.stats().droppedClients.get())
            {
                assertTrue(System.nanoTime() - deadline < 0, "the stopped client was never closed; queued " +
                    harness.bridge.stats().conflated.get() + " conflated");
                for (int n = 0; n < BATCH; n++)
                {
                    publishBookUpdate(publisher, INSTRUMENTS.get(random.nextInt(INSTRUMENTS.size())), random,
                        T0 + 1_000L * (MESSAGES + n));
                }
                total += BATCH;
                harness.awaitReceived(total);
            }

            // The stopped client reads again: it finds the close frame with its reason.
            slow.resume();
            assertEquals(ClientSession.CLOSE_SLOW, slow.awaitClose(30_000));
            assertTrue(slow.closeReason().startsWith("slow consumer"), slow.closeReason());
            assertEquals(1, harness.bridge.stats().droppedClients.get());
            assertTrue(harness.bridge.stats().conflated.get() > 0, "the stopped client's books were conflated");

            // Everyone else: exactly their subset.
            for (int i = 0; i < clients.size(); i++)
            {
                final TestClient client = clients.get(i);
                final List<Sub> subs = subscriptions.get(i);
                awaitConflatedLatest(client, subs);
                assertFalse(client.isClosed(), "client " + i + " closed: " + client.closeReason());
                assertNull(client.error(), "client " + i);
                assertEquals(expectedNonConflated(subs), receivedNonConflated(client), "client " + i + " " + subs);
                checkConflated(i, client, subs);
                checkFinalBooks(i, client, subs);
                checkFinalCandles(i, client, subs);
            }
            assertEquals(0, harness.bridge.stats().skipped.get());
            assertEquals(0, harness.bridge.stats().badRequests.get());
            for (final TestClient client : clients)
            {
                client.close();
            }
        }
    }

    private void publishSnapshot(final MergedStreamPublisher publisher, final Instrument instrument,
        final Random random)
    {
        final TreeMap<Long, Long> book = new TreeMap<>();
        final long[][] bids = new long[BOOK_LEVELS][];
        final long[][] asks = new long[BOOK_LEVELS][];
        for (int i = 0; i < BOOK_LEVELS; i++)
        {
            bids[i] = new long[]{1_000_000 - i, 1 + random.nextInt(100_000_000)};
            asks[i] = new long[]{1_000_001 + i, 1 + random.nextInt(100_000_000)};
            book.put(-bids[i][0], bids[i][1]);
            book.put(asks[i][0], asks[i][1]);
        }
        // Bids keyed by negated price, so the map iterates bids best first, then asks best first.
        books.put(key(instrument), book);
        final long sequence = publisher.bookSnapshot(instrument.exchange(), instrument.id(), bids, asks, T0);
        published.add(new Event("book", instrument.name(), instrument.symbol(), "book|" + key(instrument),
            "book|" + key(instrument) + "|" + sequence));
    }

    private void publishBookUpdate(final MergedStreamPublisher publisher, final Instrument instrument,
        final Random random, final long timeNs)
    {
        final boolean bid = random.nextBoolean();
        final long price = bid ? 1_000_000 - random.nextInt(120) : 1_000_001 + random.nextInt(120);
        final long quantity = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100_000_000);
        final TreeMap<Long, Long> book = books.get(key(instrument));
        if (0 == quantity)
        {
            book.remove(bid ? -price : price);
        }
        else
        {
            book.put(bid ? -price : price, quantity);
        }
        final long sequence = publisher.bookUpdate(instrument.exchange(), instrument.id(), bid, price, quantity,
            timeNs);
        published.add(new Event("book", instrument.name(), instrument.symbol(), "book|" + key(instrument),
            "book|" + key(instrument) + "|" + sequence));
    }

    private void publishTrade(final MergedStreamPublisher publisher, final Instrument instrument, final long tradeId,
        final Random random, final long timeNs)
    {
        final long price = 990_000 + random.nextInt(20_000);
        final long quantity = 1 + random.nextInt(1_000_000_000);
        final AggressorSide side = random.nextBoolean() ? AggressorSide.BUY : AggressorSide.SELL;
        final long sequence = publisher.trade(instrument.exchange(), instrument.id(), tradeId, price, quantity, side,
            timeNs, timeNs + 500);
        published.add(new Event("trades", instrument.name(), instrument.symbol(), null,
            "trade|" + key(instrument) + "|" + dec(price, PRICE_SCALE) + "|" + dec(quantity, QUANTITY_SCALE) + "|" +
            side.name().toLowerCase(Locale.ROOT) + "|" + tradeId + "|" + sequence + "|" + iso(timeNs) + "|" +
            iso(timeNs + 500)));

        final long[] candle = candles.computeIfAbsent(key(instrument), (k) -> new long[]{price, price, price, 0, 0, 0});
        candle[1] = Math.max(candle[1], price);
        candle[2] = Math.min(candle[2], price);
        candle[3] = price;
        candle[4] += quantity;
        candle[5]++;
        published.add(new Event("candles", instrument.name(), instrument.symbol(), null,
            "candle|" + key(instrument) + "|" + candle[5] + "|" + dec(price, PRICE_SCALE)));
    }

    private static Event status(final Exchange exchange, final String symbol, final String event, final long sequence)
    {
        final String name = exchange.name().toLowerCase(Locale.ROOT);
        return new Event("status", name, symbol, null, "status|" + name + "|" + event + "|" + sequence);
    }

    private void awaitNonConflated(final List<TestClient> clients, final List<List<Sub>> subscriptions)
    {
        for (int i = 0; i < clients.size(); i++)
        {
            final TestClient client = clients.get(i);
            final List<String> expected = expectedNonConflated(subscriptions.get(i));
            final int index = i;
            TestClient.awaitTrue(() ->
            {
                // Fail at the first wrong message rather than wait for a count never reached.
                final List<String> received = receivedNonConflated(client);
                final int n = Math.min(received.size(), expected.size());
                assertEquals(expected.subList(0, n), received.subList(0, n), "client " + index);
                return received.size() >= expected.size();
            }, 30_000, "client " + index + " to receive " + expected.size() + " messages");
        }
    }

    private List<String> expectedNonConflated(final List<Sub> subs)
    {
        final List<String> expected = new ArrayList<>();
        for (final Event event : published)
        {
            if (!event.conflated() && subs.stream().anyMatch((s) -> s.matches(event)))
            {
                expected.add(event.signature());
            }
        }
        return expected;
    }

    private static List<String> receivedNonConflated(final TestClient client)
    {
        final List<String> received = new ArrayList<>();
        for (final JsonNode m : client.messages())
        {
            final String type = m.path("type").asText();
            final String key = m.path("exchange").asText() + "|" + m.path("symbol").asText();
            switch (type)
            {
                case "trade" -> received.add("trade|" + key + "|" + norm(m.get("price")) + "|" + norm(m.get("qty")) +
                    "|" + m.path("side").asText() + "|" + m.path("tradeId").asLong() + "|" +
                    m.path("sequence").asLong() + "|" + Instant.parse(m.path("exchangeTime").asText()) + "|" +
                    Instant.parse(m.path("receiveTime").asText()));
                case "candle" -> received.add("candle|" + key + "|" + m.path("trades").asLong() + "|" +
                    norm(m.get("close")));
                case "status" -> received.add("status|" + m.path("exchange").asText() + "|" +
                    m.path("event").asText() + "|" + m.path("sequence").asLong());
                default ->
                {
                }
            }
        }
        return received;
    }

    private void awaitConflatedLatest(final TestClient client, final List<Sub> subs)
    {
        final Map<String, String> last = lastExpectedConflated(subs);
        TestClient.awaitTrue(() -> lastReceivedConflated(client).keySet().containsAll(last.keySet()) &&
            last.entrySet().stream().allMatch((e) -> e.getValue().equals(lastReceivedConflated(client)
            .get(e.getKey()))), 30_000, "latest book and ticker values " + last);
    }

    private Map<String, String> lastExpectedConflated(final List<Sub> subs)
    {
        final Map<String, String> last = new LinkedHashMap<>();
        for (final Event event : published)
        {
            if (event.conflated() && subs.stream().anyMatch((s) -> s.matches(event)))
            {
                last.put(event.key(), event.signature());
            }
        }
        return last;
    }

    private static Map<String, String> lastReceivedConflated(final TestClient client)
    {
        final Map<String, String> last = new HashMap<>();
        for (final Map.Entry<String, List<String>> entry : receivedConflated(client).entrySet())
        {
            last.put(entry.getKey(), entry.getValue().get(entry.getValue().size() - 1));
        }
        return last;
    }

    private static Map<String, List<String>> receivedConflated(final TestClient client)
    {
        final Map<String, List<String>> byKey = new HashMap<>();
        for (final JsonNode m : client.messages())
        {
            final String type = m.path("type").asText();
            final String key = m.path("exchange").asText() + "|" + m.path("symbol").asText();
            if ("ticker".equals(type))
            {
                byKey.computeIfAbsent("ticker|" + key, (k) -> new ArrayList<>()).add("ticker|" + key + "|" +
                    norm(m.get("bid")) + "|" + norm(m.get("ask")) + "|" + m.path("sequence").asLong());
            }
            else if ("book".equals(type))
            {
                byKey.computeIfAbsent("book|" + key, (k) -> new ArrayList<>()).add("book|" + key + "|" +
                    m.path("sequence").asLong());
            }
        }
        return byKey;
    }

    private void checkConflated(final int index, final TestClient client, final List<Sub> subs)
    {
        final Map<String, List<String>> expected = new HashMap<>();
        for (final Event event : published)
        {
            if (event.conflated() && subs.stream().anyMatch((s) -> s.matches(event)))
            {
                expected.computeIfAbsent(event.key(), (k) -> new ArrayList<>()).add(event.signature());
            }
        }
        final Map<String, List<String>> received = receivedConflated(client);
        assertEquals(expected.keySet(), received.keySet(), "client " + index + " conflated keys");
        for (final Map.Entry<String, List<String>> entry : received.entrySet())
        {
            final List<String> all = expected.get(entry.getKey());
            final Iterator<String> it = all.iterator();
            for (final String value : entry.getValue())
            {
                boolean found = false;
                while (it.hasNext())
                {
                    if (it.next().equals(value))
                    {
                        found = true;
                        break;
                    }
                }
                assertTrue(found, "client " + index + ": " + value + " out of order or never published");
            }
            assertEquals(all.get(all.size() - 1), entry.getValue().get(entry.getValue().size() - 1));
        }
    }

    private void checkFinalBooks(final int index, final TestClient client, final List<Sub> subs)
    {
        final Map<String, JsonNode> lastBook = new HashMap<>();
        for (final JsonNode m : client.ofType("book"))
        {
            lastBook.put(m.path("exchange").asText() + "|" + m.path("symbol").asText(), m);
        }
        for (final Map.Entry<String, JsonNode> entry : lastBook.entrySet())
        {
            final JsonNode book = entry.getValue();
            final int depth = book.path("depth").asInt();
            final TreeMap<Long, Long> model = books.get(entry.getKey());
            final List<String> bids = new ArrayList<>();
            final List<String> asks = new ArrayList<>();
            for (final Map.Entry<Long, Long> level : model.entrySet())
            {
                final List<String> side = level.getKey() < 0 ? bids : asks;
                if (side.size() < depth)
                {
                    side.add(dec(Math.abs(level.getKey()), PRICE_SCALE) + "x" + dec(level.getValue(), QUANTITY_SCALE));
                }
            }
            assertEquals(bids, levels(book.get("bids")), "client " + index + " bids " + entry.getKey());
            assertEquals(asks, levels(book.get("asks")), "client " + index + " asks " + entry.getKey());
            assertTrue(book.path("consistent").asBoolean());
            final int subDepth = subs.stream().filter((s) -> "book".equals(s.channel())).mapToInt(Sub::depth).max()
                .orElse(0);
            assertEquals(subDepth, depth);
        }
    }

    private void checkFinalCandles(final int index, final TestClient client, final List<Sub> subs)
    {
        final Map<String, JsonNode> lastCandle = new HashMap<>();
        for (final JsonNode m : client.ofType("candle"))
        {
            lastCandle.put(m.path("exchange").asText() + "|" + m.path("symbol").asText(), m);
        }
        for (final Map.Entry<String, JsonNode> entry : lastCandle.entrySet())
        {
            final long[] expected = candles.get(entry.getKey());
            final JsonNode candle = entry.getValue();
            assertEquals(dec(expected[0], PRICE_SCALE), norm(candle.get("open")), "client " + index);
            assertEquals(dec(expected[1], PRICE_SCALE), norm(candle.get("high")));
            assertEquals(dec(expected[2], PRICE_SCALE), norm(candle.get("low")));
            assertEquals(dec(expected[3], PRICE_SCALE), norm(candle.get("close")));
            assertEquals(dec(expected[4], QUANTITY_SCALE), norm(candle.get("volume")));
            assertEquals(expected[5], candle.path("trades").asLong());
            assertEquals(Instant.ofEpochSecond(0, T0), Instant.parse(candle.path("start").asText()));
            assertFalse(subs.isEmpty());
        }
    }

    private static List<String> levels(final JsonNode side)
    {
        final List<String> levels = new ArrayList<>();
        for (final JsonNode level : side)
        {
            levels.add(norm(level.get(0)) + "x" + norm(level.get(1)));
        }
        return levels;
    }

    private static String key(final Instrument instrument)
    {
        return instrument.name() + "|" + instrument.symbol();
    }

    private static String dec(final long mantissa, final int scale)
    {
        return BigDecimal.valueOf(mantissa, scale).stripTrailingZeros().toPlainString();
    }

    private static String norm(final JsonNode value)
    {
        // Decimals must arrive as strings: a JSON number here would fail this.
        assertTrue(value.isTextual(), "decimal not a string: " + value);
        return new BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
    }

    private static String iso(final long timeNs)
    {
        return Instant.ofEpochSecond(0, timeNs).toString();
    }

}
