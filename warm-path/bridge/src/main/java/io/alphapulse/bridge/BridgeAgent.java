/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bridge's one Aeron thread: reads the merged stream on the untethered channel, keeps the market state, encodes
 * each update to JSON once and queues it for every matching client without ever waiting on a socket; applies client
 * requests (handed over from Jetty threads through a queue, so state and subscriptions have one owner and a
 * snapshot is always followed by exactly the updates after it); heartbeats; closes clients that stay behind.
 * <p>
 * If the driver times out its Aeron client (the process was stopped, the driver restarted), it connects again,
 * rejoins the live stream, and reports exactly how many messages it skipped per exchange, from the collectors'
 * sequence numbers, in a {@code bridge_skipped} status message and the skipped counter.
 */
final class BridgeAgent implements Agent, MarketDataReader.Listener
{
    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;
    private static final long RECONNECT_INTERVAL_NS = 1_000_000_000L;
    private static final long HOUSEKEEPING_INTERVAL_NS = 50_000_000L;
    private static final int MAX_DEPTH = BridgeConfiguration.MAX_BOOK_DEPTH;

    /**
     * A request from a Jetty thread.
     */
    sealed interface Command permits Connect, Disconnect, Subscribe, Unsubscribe
    {
    }

    record Connect(ClientSession session) implements Command
    {
    }

    record Disconnect(ClientSession session) implements Command
    {
    }

    record Subscribe(ClientSession session, Subscription subscription, String idJson) implements Command
    {
    }

    record Unsubscribe(ClientSession session, Subscription subscription, String idJson) implements Command
    {
    }

    private final Bridge.Context ctx;
    private final BridgeStats stats;
    private final NanoClock nanoClock;
    private final EpochNanoClock epochClock;
    private final ErrorHandler errorHandler;
    private final ManyToOneConcurrentArrayQueue<Command> commands;
    private final MarketDataReader reader = new MarketDataReader(this);
    private final FragmentAssembler assembler =
        new FragmentAssembler((buffer, offset, length, header) -> onMessage(buffer, offset, length));
    private final Long2ObjectHashMap<InstrumentState> instruments = new Long2ObjectHashMap<>();
    private final FeedStatus[] feeds = new FeedStatus[4];
    private final List<ClientSession> sessions = new ArrayList<>();
    private final StringBuilder out = new StringBuilder(4096);
    private final String[] bookByDepth = new String[MAX_DEPTH + 1];
    private final long[] bookDepthGeneration = new long[MAX_DEPTH + 1];
    private long bookGeneration;

    private Aeron aeron;
    private io.aeron.Subscription subscription;
    private BridgeCounters counters;
    private boolean everConnected;
    private long nextConnectNs;
    private long nextHousekeepingNs;
    private long nextHeartbeatNs;
    private long nowNs;
    private volatile boolean connected;
    private volatile Aeron currentAeron;

    BridgeAgent(final Bridge.Context ctx, final ManyToOneConcurrentArrayQueue<Command> commands)
    {
        this.ctx = ctx;
        this.stats = ctx.stats();
        this.nanoClock = ctx.nanoClock();
        this.epochClock = ctx.epochClock();
        this.errorHandler = ctx.errorHandler();
        this.commands = commands;
        for (final Exchange exchange : Exchange.values())
        {
            if (Exchange.NULL_VAL != exchange)
            {
                feeds[exchange.value()] = new FeedStatus(exchange);
            }
        }
    }

    public String roleName()
    {
        return "bridge";
    }

    public void onStart()
    {
        connect(nanoClock.nanoTime());
    }

    public int doWork()
    {
        nowNs = nanoClock.nanoTime();
        int work = commands.drain(this::onCommand, 256);

        if (null == aeron || aeron.isClosed())
        {
            if (nowNs - nextConnectNs >= 0)
            {
                work += connect(nowNs);
            }
        }
        else
        {
            work += subscription.poll(assembler, ctx.fragmentLimit());
        }

        if (nowNs - nextHousekeepingNs >= 0)
        {
            nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
            work += housekeeping();
        }
        return work;
    }

    public void onClose()
    {
        for (final ClientSession session : sessions)
        {
            session.close(1001, "bridge shutting down", nowNs);
        }
        closeAeron();
    }

    /**
     * Whether the Aeron client is connected and the merged stream's publication is there (tests wait on this).
     *
     * @return true when live.
     */
    boolean isLive()
    {
        final Aeron client = currentAeron;
        return connected && null != client && !client.isClosed();
    }

    /**
     * The current Aeron client, for tests that simulate a driver timeout by closing it.
     *
     * @return the client, or null.
     */
    Aeron aeron()
    {
        return currentAeron;
    }

    private int connect(final long nowNs)
    {
        closeAeron();
        nextConnectNs = nowNs + RECONNECT_INTERVAL_NS;
        try
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(ctx.aeronDirectoryName())
                .clientName("alphapulse-bridge")
                .errorHandler(errorHandler)
                .driverTimeoutMs(ctx.driverTimeoutMs()));
            subscription = aeron.addSubscription(ctx.channel(), ctx.streamId());
            counters = new BridgeCounters(aeron, stats, "stream=" + ctx.streamId());
            currentAeron = aeron;
            connected = true;
            if (everConnected)
            {
                stats.reconnects.incrementAndGet();
                out.setLength(0);
                out.append("{\"type\":\"status\",\"exchange\":null,\"symbol\":null,\"event\":\"bridge_reconnected\"")
                    .append(",\"detail\":\"the bridge's Aeron client was closed (timed out by the driver?) and " +
                    "connected again; see bridge_skipped for what it missed\",\"time\":");
                Json.time(out, epochClock.nanoTime()).append('}');
                broadcastStatus(null, out.toString());
            }
            everConnected = true;
            return 1;
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            closeAeron();
            return 0;
        }
    }

    private void closeAeron()
    {
        connected = false;
        currentAeron = null;
        CloseHelper.quietCloseAll(counters, subscription, aeron);
        counters = null;
        subscription = null;
        aeron = null;
    }

    private int housekeeping()
    {
        int work = 0;
        for (int i = sessions.size() - 1; i >= 0; i--)
        {
            final ClientSession session = sessions.get(i);
            if (session.checkSlow(nowNs, ctx.slowClientTimeoutNs(), ctx.closeGraceNs()))
            {
                work++;
            }
        }

        if (nowNs - nextHeartbeatNs >= 0)
        {
            nextHeartbeatNs = nowNs + ctx.heartbeatIntervalNs();
            final long epochNs = epochClock.nanoTime();
            out.setLength(0);
            out.append("{\"type\":\"heartbeat\",\"time\":");
            Json.time(out, epochNs).append(",\"clients\":").append(sessions.size()).append(",\"live\":")
                .append(isLive()).append('}');
            final String heartbeat = out.toString();
            for (final ClientSession session : sessions)
            {
                session.enqueue(heartbeat, nowNs);
            }
            for (final FeedStatus feed : feeds)
            {
                if (null != feed && Long.MIN_VALUE != feed.lastMessageReceiveNs)
                {
                    broadcastStatus(feed.exchange, feed.encode(out, epochNs));
                }
            }
            work++;
        }

        if (null != counters)
        {
            stats.clients.set(sessions.size());
            counters.update();
        }
        return work;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Client requests

    private void onCommand(final Command command)
    {
        switch (command)
        {
            case Connect connect ->
            {
                sessions.add(connect.session());
                stats.clients.set(sessions.size());
            }
            case Disconnect disconnect ->
            {
                sessions.remove(disconnect.session());
                stats.clients.set(sessions.size());
            }
            case Subscribe subscribe -> onSubscribe(subscribe);
            case Unsubscribe unsubscribe -> onUnsubscribe(unsubscribe);
        }
    }

    private void onSubscribe(final Subscribe request)
    {
        final ClientSession session = request.session();
        final Subscription sub = request.subscription();
        final List<Subscription> subs = session.subscriptions();
        final boolean replaces = subs.stream().anyMatch(sub::sameFilter);
        if (!replaces && subs.size() >= ctx.maxSubscriptionsPerClient())
        {
            stats.badRequests.incrementAndGet();
            session.enqueue(Requests.error(request.idJson(), "too_many_subscriptions",
                "at most " + ctx.maxSubscriptionsPerClient() + " subscriptions per connection"), nowNs);
            return;
        }
        subs.removeIf(sub::sameFilter);
        subs.add(sub);
        session.enqueue(Requests.ack(request.idJson(), "subscribe", sub), nowNs);
        session.enqueue(snapshot(request.idJson(), sub), nowNs);
    }

    private void onUnsubscribe(final Unsubscribe request)
    {
        final ClientSession session = request.session();
        final boolean removed = session.subscriptions().removeIf(request.subscription()::sameFilter);
        if (removed)
        {
            session.enqueue(Requests.ack(request.idJson(), "unsubscribe", request.subscription()), nowNs);
        }
        else
        {
            session.enqueue(Requests.error(request.idJson(), "not_subscribed",
                "no subscription with that channel, exchange and symbol"), nowNs);
        }
    }

    private String snapshot(final String idJson, final Subscription sub)
    {
        final StringBuilder snap = new StringBuilder(1024);
        snap.append("{\"type\":\"snapshot\",\"id\":").append(idJson).append(",\"channel\":\"")
            .append(sub.channel().wireName()).append("\",\"items\":[");
        int items = 0;
        if (Channel.STATUS == sub.channel())
        {
            final long epochNs = epochClock.nanoTime();
            for (final FeedStatus feed : feeds)
            {
                if (null != feed && (null == sub.exchange() || sub.exchange() == feed.exchange))
                {
                    snap.append(items++ > 0 ? "," : "").append(feed.encode(out, epochNs));
                }
            }
        }
        else
        {
            for (final InstrumentState state : instruments.values())
            {
                if (!state.defined() || !sub.matches(sub.channel(), state.exchange, state.symbol))
                {
                    continue;
                }
                switch (sub.channel())
                {
                    case TRADES ->
                    {
                        for (final String trade : state.recentTrades)
                        {
                            snap.append(items++ > 0 ? "," : "").append(trade);
                        }
                    }
                    case BOOK ->
                    {
                        if (state.hasBook)
                        {
                            snap.append(items++ > 0 ? "," : "").append(encodeBook(state, sub.depth()));
                        }
                    }
                    case TICKER ->
                    {
                        if (null != state.ticker)
                        {
                            snap.append(items++ > 0 ? "," : "").append(state.ticker);
                        }
                    }
                    case CANDLES ->
                    {
                        if (null != state.candle)
                        {
                            snap.append(items++ > 0 ? "," : "").append(state.candle);
                        }
                    }
                    default ->
                    {
                    }
                }
            }
        }
        return snap.append("]}").toString();
    }

    // ----------------------------------------------------------------------------------------------------------
    // Market data

    private void onMessage(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        stats.messagesReceived.incrementAndGet();
        if (MarketDataReader.Result.DISPATCHED != reader.read(buffer, offset, length))
        {
            stats.undecodable.incrementAndGet();
        }
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
    {
        final Exchange exchange = definition.exchange();
        if (!onSequence(exchange, definition.sequence(), definition.receiveTimeNs()))
        {
            return;
        }
        final int id = definition.instrumentId();
        final short priceScale = definition.priceScale();
        final short quantityScale = definition.quantityScale();
        final String symbol = definition.symbol();
        final String venueSymbol = definition.venueSymbol();
        final InstrumentState state = state(exchange, id);
        if (!symbol.equals(state.symbol) || priceScale != state.priceScale || quantityScale != state.quantityScale ||
            !venueSymbol.equals(state.venueSymbol))
        {
            state.define(symbol, venueSymbol, priceScale, quantityScale);
        }
    }

    public void onTrade(final TradeDecoder trade)
    {
        final Exchange exchange = trade.exchange();
        if (!onSequence(exchange, trade.sequence(), trade.receiveTimeNs()))
        {
            return;
        }
        final InstrumentState state = definedState(exchange, trade.instrumentId());
        if (null == state)
        {
            return;
        }
        final long exchangeTimeNs = nullTime(trade.exchangeTimeNs(), TradeDecoder.exchangeTimeNsNullValue());
        final long price = trade.price();
        final long quantity = trade.quantity();
        final long tradeId = trade.tradeId();
        out.setLength(0);
        header(out, "trade", state);
        out.append(",\"price\":");
        Json.decimal(out, price, state.priceScale).append(",\"qty\":");
        Json.decimal(out, quantity, state.quantityScale).append(",\"side\":");
        final AggressorSide side = trade.aggressorSide();
        out.append(AggressorSide.BUY == side ? "\"buy\"" : AggressorSide.SELL == side ? "\"sell\"" : "null");
        out.append(",\"tradeId\":");
        if (TradeDecoder.tradeIdNullValue() == tradeId)
        {
            out.append("null");
        }
        else
        {
            out.append(tradeId);
        }
        times(out, exchangeTimeNs, trade.receiveTimeNs(), trade.publishTimeNs()).append(",\"sequence\":")
            .append(trade.sequence()).append('}');
        final String message = out.toString();
        state.addRecentTrade(message, ctx.recentTrades());
        fanout(Channel.TRADES, state, message);

        final long candleTimeNs = Long.MIN_VALUE != exchangeTimeNs ? exchangeTimeNs : trade.receiveTimeNs();
        final String previous = state.candle;
        final int candle = state.onCandleTrade(candleTimeNs, price, quantity);
        if (candle >= 0)
        {
            if (candle > 0 && null != previous)
            {
                fanout(Channel.CANDLES, state, previous.replace("\"closed\":false", "\"closed\":true"));
            }
            state.candle = encodeCandle(state);
            fanout(Channel.CANDLES, state, state.candle);
        }
    }

    public void onTopOfBook(final TopOfBookDecoder top)
    {
        final Exchange exchange = top.exchange();
        if (!onSequence(exchange, top.sequence(), top.receiveTimeNs()))
        {
            return;
        }
        final InstrumentState state = definedState(exchange, top.instrumentId());
        if (null == state)
        {
            return;
        }
        out.setLength(0);
        header(out, "ticker", state);
        out.append(",\"bid\":");
        Json.decimal(out, top.bidPrice(), state.priceScale).append(",\"bidQty\":");
        optionalDecimal(out, top.bidQuantity(), TopOfBookDecoder.bidQuantityNullValue(), state.quantityScale);
        out.append(",\"ask\":");
        Json.decimal(out, top.askPrice(), state.priceScale).append(",\"askQty\":");
        optionalDecimal(out, top.askQuantity(), TopOfBookDecoder.askQuantityNullValue(), state.quantityScale);
        times(out, nullTime(top.exchangeTimeNs(), TopOfBookDecoder.exchangeTimeNsNullValue()), top.receiveTimeNs(),
            top.publishTimeNs()).append(",\"sequence\":").append(top.sequence()).append('}');
        state.ticker = out.toString();
        fanout(Channel.TICKER, state, state.ticker);
    }

    public void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        final Exchange exchange = snapshot.exchange();
        if (!onSequence(exchange, snapshot.sequence(), snapshot.receiveTimeNs()))
        {
            return;
        }
        final InstrumentState state = definedState(exchange, snapshot.instrumentId());
        if (null == state)
        {
            return;
        }
        final long exchangeTimeNs = nullTime(snapshot.exchangeTimeNs(), BookSnapshotDecoder.exchangeTimeNsNullValue());
        final long receiveTimeNs = snapshot.receiveTimeNs();
        final long publishTimeNs = snapshot.publishTimeNs();
        final long sequence = snapshot.sequence();
        final boolean last = snapshot.flags().lastInBatch();
        if (!state.snapshotInProgress)
        {
            state.bids.clear();
            state.asks.clear();
            state.snapshotInProgress = true;
        }
        for (final BookSnapshotDecoder.LevelsDecoder level : snapshot.levels())
        {
            state.setLevel(BookSide.BID == level.side(), level.price(), level.quantity());
        }
        if (last)
        {
            state.snapshotInProgress = false;
            state.bookConsistent = true;
            onBookChanged(state, exchangeTimeNs, receiveTimeNs, publishTimeNs, sequence);
        }
    }

    public void onBookUpdate(final BookUpdateDecoder update)
    {
        final Exchange exchange = update.exchange();
        if (!onSequence(exchange, update.sequence(), update.receiveTimeNs()))
        {
            return;
        }
        final InstrumentState state = definedState(exchange, update.instrumentId());
        if (null == state)
        {
            return;
        }
        final long exchangeTimeNs = nullTime(update.exchangeTimeNs(), BookUpdateDecoder.exchangeTimeNsNullValue());
        final long receiveTimeNs = update.receiveTimeNs();
        final long publishTimeNs = update.publishTimeNs();
        final long sequence = update.sequence();
        final boolean last = update.flags().lastInBatch();
        for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
        {
            state.setLevel(BookSide.BID == level.side(), level.price(), level.quantity());
        }
        if (last && !state.snapshotInProgress)
        {
            onBookChanged(state, exchangeTimeNs, receiveTimeNs, publishTimeNs, sequence);
        }
    }

    public void onFeedEvent(final FeedEventDecoder event)
    {
        final Exchange exchange = event.exchange();
        final EventOrigin origin = event.origin();
        final long expected = event.expectedSequence();
        final long received = event.receivedSequence();
        final boolean fromRelay = EventOrigin.RELAY == origin;
        final FeedStatus feed = feed(exchange);
        if (null == feed)
        {
            stats.undecodable.incrementAndGet();
            return;
        }
        if (fromRelay)
        {
            // Out of band: the relay saw messages missing upstream; they are not ours to count as skipped.
            if (FeedEventType.GAP == event.eventType() && FeedEventDecoder.receivedSequenceNullValue() != received)
            {
                feed.lastSequence = (received - 1) & SEQUENCE_MASK;
            }
        }
        else if (!onSequence(exchange, event.sequence(), event.receiveTimeNs()))
        {
            return;
        }

        final FeedEventType type = event.eventType();
        final int instrumentId = event.instrumentId();
        final InstrumentState state = FeedEventDecoder.instrumentIdNullValue() == instrumentId ?
            null : instruments.get(InstrumentState.key(exchange, instrumentId));
        final String symbol = null == state ? null : state.symbol;
        switch (type)
        {
            case CONNECTED -> feed.connection = "connected";
            case DISCONNECTED -> feed.connection = "disconnected";
            case GAP -> feed.gaps++;
            case RESYNC_STARTED -> feed.resyncs++;
            case STALE_CHANNEL -> feed.stale++;
            case CHECKSUM_FAILURE -> feed.checksumFailures++;
            case MALFORMED_FRAME -> feed.malformed++;
            default ->
            {
            }
        }
        final String eventName = null == type || FeedEventType.NULL_VAL == type ?
            "unknown" : type.name().toLowerCase(Locale.ROOT);
        feed.lastEvent = eventName;

        out.setLength(0);
        out.append("{\"type\":\"status\",\"exchange\":\"").append(feed.name).append("\",\"symbol\":");
        Json.string(out, symbol).append(",\"event\":\"").append(eventName).append("\",\"origin\":\"")
            .append(fromRelay ? "relay" : "collector").append("\",\"expectedSequence\":");
        optionalLong(out, expected, FeedEventDecoder.expectedSequenceNullValue()).append(",\"receivedSequence\":");
        optionalLong(out, received, FeedEventDecoder.receivedSequenceNullValue());
        final long exchangeTimeNs = nullTime(event.exchangeTimeNs(), FeedEventDecoder.exchangeTimeNsNullValue());
        final long receiveTimeNs = event.receiveTimeNs();
        final long publishTimeNs = event.publishTimeNs();
        final long sequence = event.sequence();
        out.append(",\"detail\":");
        Json.string(out, event.detail());
        times(out, exchangeTimeNs, receiveTimeNs, publishTimeNs).append(",\"sequence\":").append(sequence)
            .append('}');
        broadcastStatus(exchange, symbol, out.toString());
    }

    public void onHeartbeat(final HeartbeatDecoder heartbeat)
    {
        onSequence(heartbeat.exchange(), heartbeat.sequence(), heartbeat.receiveTimeNs());
    }

    /**
     * Track an exchange's collector sequence; a jump forward is what this bridge skipped.
     *
     * @return false if the exchange is not one we know.
     */
    private boolean onSequence(final Exchange exchange, final long sequence, final long receiveTimeNs)
    {
        final FeedStatus feed = feed(exchange);
        if (null == feed)
        {
            stats.undecodable.incrementAndGet();
            return false;
        }
        feed.lastMessageReceiveNs = receiveTimeNs;
        final long last = feed.lastSequence;
        feed.lastSequence = sequence;
        if (last >= 0)
        {
            final int delta = (int)(sequence - last);
            // Serial arithmetic (RFC 1982): a small step back is a restarted collector, not a skip.
            if (delta > 1)
            {
                onSkipped(feed, (last + 1) & SEQUENCE_MASK, (sequence - 1) & SEQUENCE_MASK, delta - 1L);
            }
        }
        return true;
    }

    private void onSkipped(final FeedStatus feed, final long from, final long to, final long count)
    {
        stats.skipped.addAndGet(count);
        feed.bridgeSkipped += count;
        for (final InstrumentState state : instruments.values())
        {
            if (state.exchange == feed.exchange)
            {
                state.bookConsistent = false;
            }
        }
        final StringBuilder text = new StringBuilder(256);
        text.append("{\"type\":\"status\",\"exchange\":\"").append(feed.name)
            .append("\",\"symbol\":null,\"event\":\"bridge_skipped\",\"skipped\":").append(count)
            .append(",\"fromSequence\":").append(from).append(",\"toSequence\":").append(to)
            .append(",\"detail\":\"the bridge did not see these messages (it fell behind or was disconnected); " +
            "books of this exchange are marked inconsistent until their next snapshot\",\"time\":");
        Json.time(text, epochClock.nanoTime()).append('}');
        broadcastStatus(feed.exchange, text.toString());
    }

    private void onBookChanged(
        final InstrumentState state,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long publishTimeNs,
        final long sequence)
    {
        state.hasBook = true;
        state.bookExchangeTimeNs = exchangeTimeNs;
        state.bookReceiveTimeNs = receiveTimeNs;
        state.bookPublishTimeNs = publishTimeNs;
        state.bookSequence = sequence;
        bookGeneration++;
        final long slotKey = slotKey(Channel.BOOK, state);
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final ClientSession session = sessions.get(i);
            int depth = 0;
            final List<Subscription> subs = session.subscriptions();
            for (int j = 0, n = subs.size(); j < n; j++)
            {
                final Subscription sub = subs.get(j);
                if (sub.matches(Channel.BOOK, state.exchange, state.symbol) && sub.depth() > depth)
                {
                    depth = sub.depth();
                }
            }
            if (depth > 0)
            {
                if (bookDepthGeneration[depth] != bookGeneration)
                {
                    bookDepthGeneration[depth] = bookGeneration;
                    bookByDepth[depth] = encodeBook(state, depth);
                }
                session.enqueueConflated(slotKey, bookByDepth[depth], nowNs);
            }
        }
    }

    private String encodeBook(final InstrumentState state, final int depth)
    {
        final StringBuilder book = new StringBuilder(64 + depth * 48);
        header(book, "book", state);
        book.append(",\"depth\":").append(depth).append(",\"bids\":");
        InstrumentState.appendLevels(book, state.bids, depth, state.priceScale, state.quantityScale);
        book.append(",\"asks\":");
        InstrumentState.appendLevels(book, state.asks, depth, state.priceScale, state.quantityScale);
        book.append(",\"consistent\":").append(state.bookConsistent);
        times(book, state.bookExchangeTimeNs, state.bookReceiveTimeNs, state.bookPublishTimeNs)
            .append(",\"sequence\":").append(state.bookSequence).append('}');
        return book.toString();
    }

    private String encodeCandle(final InstrumentState state)
    {
        out.setLength(0);
        header(out, "candle", state);
        out.append(",\"interval\":\"1m\",\"start\":");
        Json.time(out, state.candleStartNs).append(",\"open\":");
        Json.decimal(out, state.open, state.priceScale).append(",\"high\":");
        Json.decimal(out, state.high, state.priceScale).append(",\"low\":");
        Json.decimal(out, state.low, state.priceScale).append(",\"close\":");
        Json.decimal(out, state.close, state.priceScale).append(",\"volume\":");
        Json.decimal(out, state.volume, state.quantityScale).append(",\"trades\":").append(state.tradeCount)
            .append(",\"closed\":false}");
        return out.toString();
    }

    private void fanout(final Channel channel, final InstrumentState state, final String message)
    {
        final boolean conflated = channel.conflated();
        final long slotKey = conflated ? slotKey(channel, state) : 0;
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final ClientSession session = sessions.get(i);
            if (wants(session, channel, state.exchange, state.symbol))
            {
                if (conflated)
                {
                    session.enqueueConflated(slotKey, message, nowNs);
                }
                else
                {
                    session.enqueue(message, nowNs);
                }
            }
        }
    }

    private void broadcastStatus(final Exchange exchange, final String message)
    {
        broadcastStatus(exchange, null, message);
    }

    private void broadcastStatus(final Exchange exchange, final String symbol, final String message)
    {
        for (int i = 0, size = sessions.size(); i < size; i++)
        {
            final ClientSession session = sessions.get(i);
            final List<Subscription> subs = session.subscriptions();
            for (int j = 0, n = subs.size(); j < n; j++)
            {
                final Subscription sub = subs.get(j);
                if (Channel.STATUS == sub.channel() && (null == exchange || null == sub.exchange() ||
                    sub.exchange() == exchange) && (null == symbol || null == sub.symbol() ||
                    symbol.equals(sub.symbol())))
                {
                    session.enqueue(message, nowNs);
                    break;
                }
            }
        }
    }

    private static boolean wants(
        final ClientSession session, final Channel channel, final Exchange exchange, final String symbol)
    {
        final List<Subscription> subs = session.subscriptions();
        for (int j = 0, n = subs.size(); j < n; j++)
        {
            if (subs.get(j).matches(channel, exchange, symbol))
            {
                return true;
            }
        }
        return false;
    }

    private static long slotKey(final Channel channel, final InstrumentState state)
    {
        return ((long)channel.ordinal() << 32) | state.key;
    }

    private InstrumentState state(final Exchange exchange, final int instrumentId)
    {
        final long key = InstrumentState.key(exchange, instrumentId);
        InstrumentState state = instruments.get(key);
        if (null == state)
        {
            state = new InstrumentState(exchange, instrumentId);
            instruments.put(key, state);
        }
        return state;
    }

    private InstrumentState definedState(final Exchange exchange, final int instrumentId)
    {
        final InstrumentState state = instruments.get(InstrumentState.key(exchange, instrumentId));
        if (null == state || !state.defined())
        {
            // Before its definition (re-published every second by the collectors) the scales are unknown.
            stats.undecodable.incrementAndGet();
            return null;
        }
        return state;
    }

    private FeedStatus feed(final Exchange exchange)
    {
        return null == exchange || Exchange.NULL_VAL == exchange ? null : feeds[exchange.value()];
    }

    private static void header(final StringBuilder out, final String type, final InstrumentState state)
    {
        out.append("{\"type\":\"").append(type).append("\",\"exchange\":\"")
            .append(state.exchange.name().toLowerCase(Locale.ROOT)).append("\",\"symbol\":");
        Json.string(out, state.symbol);
    }

    private static StringBuilder times(
        final StringBuilder out, final long exchangeTimeNs, final long receiveTimeNs, final long publishTimeNs)
    {
        out.append(",\"exchangeTime\":");
        Json.time(out, exchangeTimeNs).append(",\"receiveTime\":");
        Json.time(out, receiveTimeNs).append(",\"publishTime\":");
        return Json.time(out, publishTimeNs);
    }

    private static long nullTime(final long value, final long nullValue)
    {
        return value == nullValue ? Long.MIN_VALUE : value;
    }

    private static void optionalDecimal(final StringBuilder out, final long value, final long nullValue,
        final int scale)
    {
        if (value == nullValue)
        {
            out.append("null");
        }
        else
        {
            Json.decimal(out, value, scale);
        }
    }

    private static StringBuilder optionalLong(final StringBuilder out, final long value, final long nullValue)
    {
        return value == nullValue ? out.append("null") : out.append(value);
    }
}
