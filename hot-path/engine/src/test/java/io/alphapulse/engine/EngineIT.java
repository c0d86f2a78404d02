/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.engine.venue.PaperVenueProcess;
import io.alphapulse.ledger.LedgerTestCluster;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.FillEvent;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderUpdate;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.TimeInForce;
import io.alphapulse.strategy.TradeEvent;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole trading path with real parts: a media driver carrying the merged stream, a one-member ledger cluster,
 * the paper venue process and the engine with a strategy. Market data (a book, a gap, a trade) goes in; the strategy
 * must see the feed event, place an order on the trade, and receive its acceptance and the venue's fills against
 * the book, which the ledger must hold as the position.
 */
class EngineIT
{
    private static final int BTC = 20000;

    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void marketDataToStrategyToLedgerToVenueAndBack()
    {
        final Recorder strategy = new Recorder();
        Engine engine = null;
        PaperVenueProcess venue = null;
        Aeron aeron = null;
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 1))
        {
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(20));
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            final String aeronDir = cluster.clientAeronDirectoryName();
            final String endpoints = cluster.nodes[0].context().ingressEndpoints();

            venue = PaperVenueProcess.launch(new PaperVenueProcess.Context()
                .aeronDirectoryName(aeronDir).ledgerEndpoints(endpoints).fees(10, 20));
            engine = Engine.launch(new Engine.Context()
                .aeronDirectoryName(aeronDir)
                .ledgerEndpoints(endpoints)
                .strategy(strategy)
                .ids(3, 1)
                .firstClientOrderId(1_000)
                .instruments(List.of(new InstrumentInfo(BTC, "COINBASE", "BTC-USD", 2, 8))));

            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            final Publication publication = aeron.addPublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
            final MarketDataFrames frames = new MarketDataFrames();
            final CountersReader counters = aeron.countersReader();

            // Heartbeats until both the engine and the venue have joined the stream.
            long timeNs = 1_700_000_000_000_000_000L;
            while (counter(counters, EngineCounterTypes.MARKET_DATA_MESSAGES) == 0 ||
                counter(counters, EngineCounterTypes.VENUE_MARKET_DATA_MESSAGES) == 0)
            {
                offer(publication, frames, frames.heartbeat(++timeNs, Exchange.COINBASE));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }

            offer(publication, frames, frames.snapshot(++timeNs, BTC, Exchange.COINBASE,
                new long[]{5_999_900, 100_000_000}, new long[]{6_000_050, 30_000_000, 6_000_100, 40_000_000}));
            offer(publication, frames, frames.feedEvent(++timeNs, Exchange.COINBASE, FeedEventType.GAP, 41, 45));
            offer(publication, frames, frames.trade(++timeNs, BTC, Exchange.COINBASE, 6_000_000, 1_000));

            cluster.await(() -> strategy.filled() == 50_000_000L, TimeUnit.SECONDS.toNanos(30),
                () -> "fills of 0.5 BTC; strategy saw " + strategy.events);

            assertTrue(strategy.events.contains("feed COINBASE GAP 41->45"), strategy.events.toString());
            assertTrue(strategy.events.contains("order 1000 ACCEPTED"), strategy.events.toString());
            assertTrue(strategy.events.contains("fill 30000000@6000050"), strategy.events.toString());
            assertTrue(strategy.events.contains("fill 20000000@6000100"), strategy.events.toString());
            assertTrue(strategy.events.contains("order 1000 FILLED"), strategy.events.toString());
            assertEquals(1, counter(counters, EngineCounterTypes.ORDERS_SENT));
            assertEquals(2, counter(counters, EngineCounterTypes.VENUE_FILLS));

            engine.close();
            venue.close();
            engine = null;
            venue = null;
            cluster.client.close();
            final io.alphapulse.ledger.LedgerService service = cluster.nodes[0].service();
            cluster.kill(0);
            assertEquals(50_000_000L, service.ledger().position(1, BTC).quantity(), "the ledger holds the fills");
        }
        finally
        {
            CloseHelper.closeAll(engine, venue, aeron);
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

    private static void offer(final Publication publication, final MarketDataFrames frames, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(frames.buffer, 0, length) < 0)
        {
            assertTrue(System.nanoTime() - deadline < 0, "publication offer");
            Thread.onSpinWait();
        }
    }

    /**
     * Places one IOC buy of 0.5 BTC at 60,001.00 on the first trade; records what it sees.
     */
    static final class Recorder implements Strategy
    {
        final List<String> events = new CopyOnWriteArrayList<>();
        private volatile long filled;
        private StrategyContext context;
        private boolean placed;

        public String name()
        {
            return "recorder";
        }

        long filled()
        {
            return filled;
        }

        public void onStart(final StrategyContext context)
        {
            this.context = context;
        }

        public void onTrade(final TradeEvent trade)
        {
            if (!placed)
            {
                placed = true;
                context.placeOrder(trade.instrumentId(), Side.BUY, 6_000_100, 50_000_000, TimeInForce.IOC);
            }
        }

        public void onFeedEvent(final FeedEvent event)
        {
            events.add("feed " + event.exchange() + " " + event.type() + " " + event.expectedSequence() + "->" +
                event.receivedSequence());
        }

        public void onOrderUpdate(final OrderUpdate update)
        {
            events.add("order " + update.clientOrderId() + " " + update.status());
        }

        public void onFill(final FillEvent fill)
        {
            events.add("fill " + fill.quantity() + "@" + fill.price());
            filled += fill.quantity();
        }
    }
}
