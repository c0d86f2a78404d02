/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.RecordingChain;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.engine.Engine;
import io.alphapulse.engine.venue.PaperVenueAgent;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.ledger.LedgerEventHandler;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.ledger.LedgerTestCluster;
import io.alphapulse.relay.Relay;
import io.alphapulse.relay.TimeIndex;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.BookView;
import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.FillEvent;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderStatus;
import io.alphapulse.strategy.OrderUpdate;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.TopOfBookEvent;
import io.alphapulse.strategy.TradeEvent;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtest parity with the live trading path, all real parts: a media driver with its Archive, the relay merging
 * two collector streams into the merged stream (and recording it, with its time index), a one-member ledger
 * cluster, the engine process with a strategy, and the paper venue agent with its own books and ledger session.
 * A synthetic market (L2 snapshots and updates, trades, tickers, a gap and its resync) is published on the
 * collector streams; the fills the ledger reports are recorded as they happen. Then {@code backtest --source
 * archive} over the same time range replays the relay's recording through the backtest, and must produce the
 * identical fills: order, instrument, side, price, quantity, fee and liquidity, in the same sequence.
 * <p>
 * The market is published in lock step: each message is published once the previous one's consequences have
 * settled (the engine has seen it, the ledger has answered every request, the venue has seen the book and every
 * acceptance, and the strategy has every report). That is the model's premise (no latency: the venue sees a
 * message after the engine, before the next one); under it, the live path's order of events is fixed, and the
 * backtest must reproduce it. The venue's duty cycle is stepped by the test thread so that it never runs ahead of
 * the engine on a loaded machine; everything else runs on its own threads.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BacktestParityIT
{
    private static final long START_NS = 1_900_000_000_000_000_000L;
    private static final long STEP_NS = 1_000_000;
    private static final int MESSAGES = 10_000;
    private static final long MAKER_FEE_BPS = 7;
    private static final long TAKER_FEE_BPS = 23;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final List<InstrumentInfo> INSTRUMENTS = List.of(
        new InstrumentInfo(SyntheticMergedStream.KRAKEN_BTC, "KRAKEN", "BTC-USD", 1, 8),
        new InstrumentInfo(SyntheticMergedStream.COINBASE_BTC, "COINBASE", "BTC-USD", 2, 8));

    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;
    private AeronArchive archive;
    private LedgerTestCluster cluster;
    private Relay relay;
    private Engine engine;
    private LedgerClient venueClient;

    @AfterEach
    void close()
    {
        CloseHelper.closeAll(engine, venueClient, relay, archive, aeron, cluster, driver);
    }

    @Test
    void backtestFromTheArchiveGivesTheFillsOfTheLivePaperRun()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final CountersReader counters = aeron.countersReader();
        final Path indexDir = tempDir.resolve("index");

        cluster = new LedgerTestCluster(tempDir.resolve("ledger").toFile(), 1);
        cluster.awaitLeader(TimeUnit.SECONDS.toNanos(30));
        final String endpoints = cluster.nodes[0].context().ingressEndpoints();

        relay = Relay.launch(new Relay.Context().aeronDirectoryName(driver.aeronDirectoryName())
            .profile(Profile.SHARED).indexDir(indexDir).indexIntervalNs(100 * STEP_NS)
            .checkpointFile(tempDir.resolve("relay-checkpoint.dat")));

        // The paper venue: the production agent, its duty cycle stepped here.
        final Subscription venueMarketData = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final LedgerEgressAdapter venueEgress = new LedgerEgressAdapter();
        venueClient = LedgerClient.connect(new LedgerClient.Context().aeron(aeron).ingressEndpoints(endpoints),
            venueEgress);
        final PaperVenueAgent venue = new PaperVenueAgent(aeron, venueMarketData, venueClient,
            new LedgerProxy(venueClient), INSTRUMENTS, MAKER_FEE_BPS, TAKER_FEE_BPS, 64);
        final FillRecorder ledgerFills = new FillRecorder(venue);
        venueEgress.handler(ledgerFills);

        // The engine process with the strategy, trading portfolio 1 without risk limits (the backtest has none).
        final CountingStrategy strategy = new CountingStrategy(new ParityProbeStrategy());
        engine = Engine.launch(new Engine.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .ledgerEndpoints(endpoints)
            .strategy(strategy)
            .ids(1, 1)
            .firstClientOrderId(1)
            .instruments(INSTRUMENTS)
            .profile(Profile.SHARED)
            .riskLimits(true, 0, 0, 0, 0, 0)
            .deposit("USD", 100_000L * 10_000_000_000L));

        final Map<Exchange, ExclusivePublication> collectors = Map.of(
            Exchange.KRAKEN, aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL,
                Relay.streamId(Exchange.KRAKEN)),
            Exchange.COINBASE, aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL,
                Relay.streamId(Exchange.COINBASE)));
        final SyntheticMergedStream stream = new SyntheticMergedStream(42, START_NS, STEP_NS);

        // Heartbeats (at the start time) until the engine and the venue both see the merged stream.
        long published = 0;
        final long joinDeadlineNs = System.nanoTime() + WAIT_NS;
        while (counter(counters, EngineCounterTypes.MARKET_DATA_MESSAGES) == 0 ||
            counter(counters, EngineCounterTypes.VENUE_MARKET_DATA_MESSAGES) == 0)
        {
            final boolean kraken = 0 == (published & 1);
            offer(collectors.get(kraken ? Exchange.KRAKEN : Exchange.COINBASE), stream, stream.heartbeat(kraken));
            published++;
            venue.doWork();
            assertTrue(System.nanoTime() - joinDeadlineNs < 0, "engine and venue joined the merged stream");
            Thread.yield();
        }
        final long joined = published;
        await(() -> counter(counters, EngineCounterTypes.MARKET_DATA_MESSAGES) >= joined, "engine heartbeats");
        stepVenueUntil(venue, () -> counter(counters, EngineCounterTypes.VENUE_MARKET_DATA_MESSAGES) >= joined,
            "venue heartbeats");

        long middleNs = 0;
        for (int i = -2; i < MESSAGES; i++)
        {
            final int length = i < 0 ? stream.definition(i + 2) : stream.next();
            offer(collectors.get(stream.exchange()), stream, length);
            published++;
            final long expected = published;
            await(() -> counter(counters, EngineCounterTypes.MARKET_DATA_MESSAGES) >= expected &&
                strategy.requests.get() == strategy.responses.get(), () -> "engine: message " + expected);
            stepVenueUntil(venue, () ->
                counter(counters, EngineCounterTypes.VENUE_MARKET_DATA_MESSAGES) >= expected &&
                strategy.requests.get() == strategy.responses.get() &&
                ledgerFills.accepted == strategy.accepted.get() &&
                ledgerFills.closed == strategy.cancelled.get() &&
                venue.venue().fills() == strategy.fills.get() &&
                venue.venue().cancels() == strategy.venueCancels.get(),
                "settled after message " + expected + ": " + strategy + ", venue fills " + venue.venue().fills() +
                " cancels " + venue.venue().cancels() + ", accepted seen by venue " + ledgerFills.accepted);
            if (i == MESSAGES / 2)
            {
                middleNs = stream.timeNs();
            }
        }
        final long lastNs = stream.timeNs();
        assertEquals(0, counter(counters, EngineCounterTypes.ORDERS_REJECTED), "the ledger accepted every order");
        assertEquals(0, counter(counters, EngineCounterTypes.MARKET_DATA_REJECTED));
        final List<String> live = ledgerFills.fills;

        engine.close();
        engine = null;
        relay.close();
        relay = null;
        archive = AeronArchive.connect(driver.archiveClientContext().aeron(aeron).ownsAeronClient(false));
        await(() -> RecordingChain.list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED).recordings().stream()
            .noneMatch(RecordingChain.Recording::isActive), "the merged stream's recording to stop");

        // The paths the venue has: parts of levels, resting orders crossed later, IOC remainders, requested cancels.
        assertTrue(live.size() > 100, "live fills: " + live.size());
        assertTrue(live.stream().anyMatch((f) -> f.endsWith("MAKER")), "resting orders filled");
        assertTrue(live.stream().anyMatch((f) -> f.endsWith("TAKER")), "marketable orders filled");
        assertTrue(strategy.venueCancels.get() > 0, "IOC remainders cancelled");
        assertTrue(strategy.cancelled.get() > strategy.venueCancels.get(), "resting orders cancelled on request");
        assertTrue(strategy.partFills.get() > 0, "orders filled in parts");
        assertTrue(strategy.halts.get() > 0, "the gap reached the strategy");

        // backtest --source archive over the same time range: identical fills, in the same order.
        final BacktestResult replayed = backtest(indexDir, START_NS, lastNs + 1);
        assertEquals(live, fills(replayed));
        assertEquals(strategy.orders.get(), replayed.orders().size());

        // Deterministic: again, the same hash.
        assertEquals(replayed.hash(), backtest(indexDir, START_NS, lastNs + 1).hash());

        // From a time: the index gives a start position near it; nothing earlier reaches the strategy.
        final BacktestResult fromMiddle = backtest(indexDir, middleNs, lastNs + 1);
        assertTrue(fromMiddle.firstEventNs() >= middleNs, "first event " + fromMiddle.firstEventNs());
        assertTrue(fromMiddle.events() < replayed.events());
        assertNotEquals(replayed.hash(), fromMiddle.hash());
        final long recordingId = RecordingChain.list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED).last()
            .recordingId();
        assertTrue(TimeIndex.startPositionFor(indexDir, recordingId, middleNs, 0) > 0, "the index was used");
    }

    private BacktestResult backtest(final Path indexDir, final long fromNs, final long toNs)
    {
        final BacktestEngine backtest = new BacktestEngine(new ParityProbeStrategy(), "", new BigDecimal("100000"),
            TAKER_FEE_BPS, MAKER_FEE_BPS, TimeUnit.SECONDS.toNanos(1));
        final MarketDataAdapter adapter = new MarketDataAdapter(backtest, fromNs, toNs);
        ArchiveReplaySource.replay(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED, indexDir, fromNs,
            "aeron:ipc", 3_001, adapter, Pacer.parse("max"));
        assertEquals(0, adapter.rejected());
        return backtest.finish();
    }

    private static List<String> fills(final BacktestResult result)
    {
        final List<String> fills = new ArrayList<>();
        for (final BacktestResult.FillRecord fill : result.fills())
        {
            fills.add(fill(fill.clientOrderId(), fill.instrumentId(), fill.side(), fill.price(), fill.quantity(),
                fill.fee(), fill.liquidity()));
        }
        return fills;
    }

    static String fill(
        final long clientOrderId, final int instrumentId, final String side, final BigDecimal price,
        final BigDecimal quantity, final BigDecimal fee, final String liquidity)
    {
        return "order " + clientOrderId + " instrument " + instrumentId + " " + side + " " +
            BacktestEngine.plain(quantity) + " @ " + BacktestEngine.plain(price) + " fee " +
            BacktestEngine.plain(fee) + " " + liquidity;
    }

    private static void stepVenueUntil(final PaperVenueAgent venue, final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + WAIT_NS;
        while (true)
        {
            final int work = venue.doWork();
            if (0 == work && condition.getAsBoolean())
            {
                return;
            }
            assertTrue(System.nanoTime() - deadlineNs < 0, () -> "timed out waiting for " + what);
            if (0 == work)
            {
                Thread.yield();
            }
        }
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        await(condition, () -> what);
    }

    private static void await(final BooleanSupplier condition, final Supplier<String> what)
    {
        final long deadlineNs = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, () -> "timed out waiting for " + what.get());
            Thread.yield();
        }
    }

    private static void offer(
        final ExclusivePublication publication, final SyntheticMergedStream stream, final int length)
    {
        final long deadlineNs = System.nanoTime() + WAIT_NS;
        while (publication.offer(stream.buffer(), 0, length) < 0)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "collector stream offer");
            Thread.yield();
        }
    }

    private static long counter(final CountersReader counters, final int typeId)
    {
        final long[] value = {0};
        counters.forEach((counterId, type, keyBuffer, label) ->
        {
            if (type == typeId)
            {
                value[0] += counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /**
     * The venue's view of the ledger's egress (the system of record): fills recorded in the ledger's order, and
     * acceptances and closes counted, then handed to the venue agent.
     */
    static final class FillRecorder implements LedgerEventHandler
    {
        final List<String> fills = new ArrayList<>();
        private final LedgerEventHandler venue;
        long accepted;
        long closed;

        FillRecorder(final LedgerEventHandler venue)
        {
            this.venue = venue;
        }

        public void onOrderAccepted(
            final long timeNs, final long orderId, final long clientOrderId, final int portfolioId,
            final int strategyId, final int instrumentId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final long price, final long quantity)
        {
            venue.onOrderAccepted(timeNs, orderId, clientOrderId, portfolioId, strategyId, instrumentId, side,
                orderType, timeInForce, price, quantity);
            accepted++;
        }

        public void onOrderCancelled(
            final long timeNs, final long orderId, final long clientOrderId, final long cancelledQuantity,
            final int portfolioId, final int strategyId, final int instrumentId, final CancelReason reason)
        {
            venue.onOrderCancelled(timeNs, orderId, clientOrderId, cancelledQuantity, portfolioId, strategyId,
                instrumentId, reason);
            closed++;
        }

        public void onFill(
            final long timeNs, final long orderId, final long clientOrderId, final long fillId, final long price,
            final long quantity, final long leavesQuantity, final long feeMantissa, final int feeExponent,
            final int portfolioId, final int strategyId, final int instrumentId, final Side side,
            final Liquidity liquidity)
        {
            final InstrumentInfo instrument = INSTRUMENTS.stream().filter((i) -> i.id() == instrumentId)
                .findFirst().orElseThrow();
            fills.add(fill(clientOrderId, instrumentId, side.name(), BigDecimal.valueOf(price,
                instrument.priceScale()), BigDecimal.valueOf(quantity, instrument.quantityScale()),
                BigDecimal.valueOf(feeMantissa, -feeExponent), liquidity.name()));
            venue.onFill(timeNs, orderId, clientOrderId, fillId, price, quantity, leavesQuantity, feeMantissa,
                feeExponent, portfolioId, strategyId, instrumentId, side, liquidity);
        }
    }

    /**
     * Runs a strategy and counts, for the test thread, what it asked for and what came back; each count moves
     * after the strategy has handled the callback, so a request made in reaction is counted first.
     */
    static final class CountingStrategy implements Strategy, StrategyContext
    {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong responses = new AtomicLong();
        final AtomicLong orders = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong cancelled = new AtomicLong();
        final AtomicLong venueCancels = new AtomicLong();
        final AtomicLong fills = new AtomicLong();
        final AtomicLong partFills = new AtomicLong();
        final AtomicLong halts = new AtomicLong();
        private final Strategy strategy;
        private StrategyContext context;

        CountingStrategy(final Strategy strategy)
        {
            this.strategy = strategy;
        }

        public String name()
        {
            return strategy.name();
        }

        public void onStart(final StrategyContext context)
        {
            this.context = context;
            strategy.onStart(this);
        }

        public void onTrade(final TradeEvent trade)
        {
            strategy.onTrade(trade);
        }

        public void onTopOfBook(final TopOfBookEvent topOfBook)
        {
            strategy.onTopOfBook(topOfBook);
        }

        public void onBook(final BookView book)
        {
            strategy.onBook(book);
        }

        public void onFeedEvent(final FeedEvent event)
        {
            strategy.onFeedEvent(event);
            if (event.type().isImpairing())
            {
                halts.incrementAndGet();
            }
        }

        public void onTimer(final long timerId, final long timeNs)
        {
            strategy.onTimer(timerId, timeNs);
        }

        public void onOrderUpdate(final OrderUpdate update)
        {
            strategy.onOrderUpdate(update);
            final OrderStatus status = update.status();
            if (status == OrderStatus.ACCEPTED)
            {
                accepted.incrementAndGet();
                responses.incrementAndGet();
            }
            else if (status == OrderStatus.REJECTED)
            {
                responses.incrementAndGet();
            }
            else if (status == OrderStatus.CANCELLED)
            {
                if ("REQUESTED".equals(update.reason()))
                {
                    responses.incrementAndGet();
                }
                else
                {
                    venueCancels.incrementAndGet();
                }
                cancelled.incrementAndGet();
            }
        }

        public void onFill(final FillEvent fill)
        {
            strategy.onFill(fill);
            if (fill.leavesQuantity() > 0)
            {
                partFills.incrementAndGet();
            }
            fills.incrementAndGet();
        }

        public long nowNs()
        {
            return context.nowNs();
        }

        public InstrumentInfo instrument(final int instrumentId)
        {
            return context.instrument(instrumentId);
        }

        public List<InstrumentInfo> instruments()
        {
            return context.instruments();
        }

        public InstrumentInfo instrument(final String exchange, final String symbol)
        {
            return context.instrument(exchange, symbol);
        }

        public BookView book(final int instrumentId)
        {
            return context.book(instrumentId);
        }

        public long placeOrder(
            final int instrumentId, final io.alphapulse.strategy.Side side, final long price, final long quantity,
            final io.alphapulse.strategy.TimeInForce timeInForce)
        {
            final long clientOrderId = context.placeOrder(instrumentId, side, price, quantity, timeInForce);
            if (NO_ORDER != clientOrderId)
            {
                orders.incrementAndGet();
                requests.incrementAndGet();
            }
            return clientOrderId;
        }

        public boolean cancelOrder(final long clientOrderId)
        {
            final boolean sent = context.cancelOrder(clientOrderId);
            if (sent)
            {
                requests.incrementAndGet();
            }
            return sent;
        }

        public long position(final int instrumentId)
        {
            return context.position(instrumentId);
        }

        public long openQuantity(final int instrumentId, final io.alphapulse.strategy.Side side)
        {
            return context.openQuantity(instrumentId, side);
        }

        public int openOrderCount()
        {
            return context.openOrderCount();
        }

        public void scheduleTimer(final long timerId, final long deadlineNs)
        {
            context.scheduleTimer(timerId, deadlineNs);
        }

        public String toString()
        {
            return "strategy requests " + requests + " responses " + responses + " accepted " + accepted +
                " fills " + fills + " cancelled " + cancelled + " (venue " + venueCancels + ")";
        }
    }
}
