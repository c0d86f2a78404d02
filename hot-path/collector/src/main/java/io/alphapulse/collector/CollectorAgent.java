/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.collector.source.FrameCapture;
import io.alphapulse.collector.source.FrameHandler;
import io.alphapulse.collector.source.FrameSource;
import io.alphapulse.schemas.marketdata.FeedEventType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;

/**
 * The duty cycle of one collector: drain frames from the source, decode, publish; publish heartbeats; watch every
 * subscription for silence; ask for resyncs and reconnects; keep the counters current. Single-threaded: everything
 * a decoder and the publisher touch runs here.
 */
public final class CollectorAgent implements Agent, FrameHandler, ExchangeSession, FrameListener
{
    /**
     * Counters this agent keeps; any may be null (tests).
     *
     * @param framesReceived    frames received.
     * @param published         messages published.
     * @param backPressured     messages dropped for back-pressure.
     * @param notConnected      messages dropped for want of a subscriber, or a closed publication.
     * @param decodeErrors      frames or values that could not be decoded.
     * @param connects          connections made.
     * @param connectionState   0 disconnected, 1 connecting, 2 connected.
     * @param resyncs           resyncs requested.
     * @param stale             stale subscriptions noticed.
     * @param lastFrameTime     receive time of the last frame.
     * @param maxCycleTime      longest duty cycle in ns.
     * @param clockSkew         messages whose exchange time was beyond the clock skew tolerance.
     */
    public record Counters(
        AtomicCounter framesReceived,
        AtomicCounter published,
        AtomicCounter backPressured,
        AtomicCounter notConnected,
        AtomicCounter decodeErrors,
        AtomicCounter connects,
        AtomicCounter connectionState,
        AtomicCounter resyncs,
        AtomicCounter stale,
        AtomicCounter lastFrameTime,
        AtomicCounter maxCycleTime,
        AtomicCounter clockSkew)
    {
    }

    private static final long HOUSEKEEPING_INTERVAL_NS = 100_000_000L;

    /**
     * How often the definitions of the instruments seen so far are published again, for late joiners.
     */
    static final long DEFINITIONS_INTERVAL_NS = 1_000_000_000L;
    private static final long SNAPSHOT_RETRY_NS = 2_000_000_000L;

    /**
     * Resync requests (resubscribes, REST snapshots) per second at most; more wait their turn. Keeps a burst of
     * checksum failures within the exchanges' message limits (Coinbase Advanced: 8/s; Binance: 5/s per connection
     * and REST weight).
     */
    static final int RESYNCS_PER_SECOND = 4;

    private final String roleName;
    private final ExchangeProtocol protocol;
    private final FrameSource source;
    private final MarketDataProxy proxy;
    private final FrameDecoder decoder;
    private final List<Instrument> instruments;
    private final EpochNanoClock clock;
    private final Counters counters;
    private final ErrorReporter errors;
    private final FrameCapture capture;
    private final int frameLimit;
    private final long heartbeatIntervalNs;
    private final long staleTimeoutNs;
    private final Runnable onSourceDone;
    private final boolean[] staleFlags;
    private final long[] snapshotRetryAtNs;
    private final boolean restSnapshots;

    private final java.util.ArrayDeque<Instrument> pendingResyncs = new java.util.ArrayDeque<>();
    private long resyncTokens = RESYNCS_PER_SECOND;
    private long nextTokenRefillNs;
    private long nextHousekeepingNs;
    private long nextHeartbeatNs;
    private long nextDefinitionsNs;
    private long connectedAtNs;
    private boolean connected;
    private boolean doneSignalled;
    // Written by the agent thread only; volatile so that other threads (tests, stat) read current values.
    private volatile long framesReceived;
    private volatile long decodeErrors;
    private volatile long controlFrames;
    private volatile long resyncs;
    private volatile long stale;
    private volatile long clockSkew;
    private long clockSkewSeen;
    private boolean clockSkewReported;
    private long lastFrameNs;
    private long maxCycleNs;

    /**
     * An agent.
     *
     * @param protocol            the exchange.
     * @param source              where frames come from.
     * @param proxy               where market data goes.
     * @param registry            instruments.
     * @param instruments         the subscribed instruments (watchdog).
     * @param clock               epoch clock.
     * @param counters            counters, or null.
     * @param errors              error reporter.
     * @param capture             raw-frame capture, or null.
     * @param frameLimit          frames per duty cycle.
     * @param heartbeatIntervalNs how often to publish a heartbeat.
     * @param staleTimeoutNs      silence on a subscription that counts as stale.
     * @param onSourceDone        called once when a finite source (replay) is exhausted.
     */
    public CollectorAgent(
        final ExchangeProtocol protocol,
        final FrameSource source,
        final MarketDataProxy proxy,
        final InstrumentRegistry registry,
        final List<Instrument> instruments,
        final EpochNanoClock clock,
        final Counters counters,
        final ErrorReporter errors,
        final FrameCapture capture,
        final int frameLimit,
        final long heartbeatIntervalNs,
        final long staleTimeoutNs,
        final Runnable onSourceDone)
    {
        this.roleName = "collector-" + protocol.exchange().name().toLowerCase(java.util.Locale.ROOT);
        this.protocol = protocol;
        this.source = source;
        this.proxy = proxy;
        this.instruments = List.copyOf(instruments);
        this.clock = clock;
        this.counters = counters;
        this.errors = errors;
        this.capture = capture;
        this.frameLimit = frameLimit;
        this.heartbeatIntervalNs = heartbeatIntervalNs;
        this.staleTimeoutNs = staleTimeoutNs;
        this.onSourceDone = onSourceDone;
        this.staleFlags = new boolean[this.instruments.size()];
        this.snapshotRetryAtNs = new long[this.instruments.size()];
        this.restSnapshots = protocol.usesRestSnapshots();
        this.decoder = protocol.newDecoder(proxy, registry, this, this);
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return roleName;
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        source.start(clock.nanoTime());
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        int work = source.poll(this, frameLimit, nowNs);

        if (nowNs - nextHousekeepingNs >= 0)
        {
            nextHousekeepingNs = nowNs + HOUSEKEEPING_INTERVAL_NS;
            work += housekeeping(nowNs);
        }

        final long cycleNs = clock.nanoTime() - nowNs;
        if (cycleNs > maxCycleNs)
        {
            maxCycleNs = cycleNs;
            if (null != counters && null != counters.maxCycleTime())
            {
                counters.maxCycleTime().setRelease(cycleNs);
            }
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        source.close();
        if (null != capture)
        {
            capture.close();
        }
    }

    private int housekeeping(final long nowNs)
    {
        int work = 0;
        if (nowNs - nextTokenRefillNs >= 0)
        {
            nextTokenRefillNs = nowNs + 1_000_000_000L;
            resyncTokens = RESYNCS_PER_SECOND;
        }
        while (resyncTokens > 0 && !pendingResyncs.isEmpty())
        {
            resyncTokens--;
            issueResync(pendingResyncs.poll());
            work++;
        }

        if (nowNs - nextHeartbeatNs >= 0)
        {
            nextHeartbeatNs = nowNs + heartbeatIntervalNs;
            proxy.heartbeat(MarketDataProxy.NULL_TIME, nowNs);
            work++;
        }

        if (nowNs - nextDefinitionsNs >= 0)
        {
            nextDefinitionsNs = nowNs + DEFINITIONS_INTERVAL_NS;
            work += proxy.republishDefinitions(nowNs);
        }

        if (connected)
        {
            work += watchdog(nowNs);
        }

        updateCounters();
        errors.flushRepeats(nowNs);

        if (source.isDone() && !doneSignalled)
        {
            doneSignalled = true;
            onSourceDone.run();
        }
        return work;
    }

    private int watchdog(final long nowNs)
    {
        int work = 0;
        for (int i = 0; i < instruments.size(); i++)
        {
            final Instrument instrument = instruments.get(i);
            final long lastDataNs = Math.max(proxy.lastDataTimeNs(instrument.id()), connectedAtNs);
            final boolean silent = nowNs - lastDataNs >= staleTimeoutNs;
            if (silent && !staleFlags[i])
            {
                staleFlags[i] = true;
                stale++;
                proxy.feedEvent(instrument, FeedEventType.STALE_CHANNEL, MarketDataProxy.NULL_TIME, nowNs,
                    MarketDataProxy.NULL_SEQUENCE, MarketDataProxy.NULL_SEQUENCE,
                    "no data for " + staleTimeoutNs / 1_000_000L + " ms while connected; resubscribing");
                errors.report("stale subscription", instrument.venueSymbol() + " silent for " +
                    staleTimeoutNs / 1_000_000L + " ms", nowNs);
                requestResync(instrument);
                work++;
            }
            else if (!silent)
            {
                staleFlags[i] = false;
            }

            if (0 != snapshotRetryAtNs[i] && nowNs - snapshotRetryAtNs[i] >= 0)
            {
                snapshotRetryAtNs[i] = 0;
                source.requestSnapshot(instrument.venueSymbol());
                work++;
            }
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        framesReceived++;
        lastFrameNs = receiveTimeNs;
        if (null != capture)
        {
            capture.capture(buffer, offset, length, receiveTimeNs);
        }
        decoder.onFrame(buffer, offset, length, receiveTimeNs);
        if (proxy.clockSkewCount() != clockSkewSeen)
        {
            onClockSkew();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onFrameRejected(final String reason, final long timeNs)
    {
        decodeErrors++;
        errors.report("frame rejected", reason, timeNs);
    }

    private void onClockSkew()
    {
        clockSkewSeen = proxy.clockSkewCount();
        clockSkew = clockSkewSeen;
        // Once per connection, naming the first such message; the counter tells how many followed. Allocates, but
        // only on a fault, and once.
        if (!clockSkewReported)
        {
            clockSkewReported = true;
            final long exchangeTimeNs = proxy.lastSkewExchangeTimeNs();
            final long receiveTimeNs = proxy.lastSkewReceiveTimeNs();
            final long skewMs = exchangeTimeNs / 1_000_000L - receiveTimeNs / 1_000_000L;
            final String skew = "exchange time " + Timestamps.formatIso8601(exchangeTimeNs, 9) + " of " +
                proxy.lastSkewInstrument().symbol() + " is " + Math.abs(skewMs) + " ms " +
                (skewMs > 0 ? "ahead of" : "behind") + " its receive time " +
                Timestamps.formatIso8601(receiveTimeNs, 9);
            proxy.feedEvent(proxy.lastSkewInstrument(), FeedEventType.CLOCK_SKEW, exchangeTimeNs, receiveTimeNs,
                MarketDataProxy.NULL_SEQUENCE, MarketDataProxy.NULL_SEQUENCE, skew);
            errors.report("clock skew", skew + "; published with both times as they are, counted in " +
                "'collector clock skew', reported once per connection", clock.nanoTime());
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onConnected(final long timeNs)
    {
        connected = true;
        connectedAtNs = timeNs;
        clockSkewReported = false;
        java.util.Arrays.fill(staleFlags, false);
        proxy.feedEvent(null, FeedEventType.CONNECTED, MarketDataProxy.NULL_TIME, timeNs,
            MarketDataProxy.NULL_SEQUENCE, MarketDataProxy.NULL_SEQUENCE, "connected");
        decoder.onConnected(timeNs);
        // Books synchronised by REST (Binance) ask for their snapshot through requestResync once their first
        // depth event is buffered, as the exchange's procedure requires, so nothing is fetched here.
        for (final Instrument instrument : instruments)
        {
            proxy.instrumentDefinition(instrument, timeNs);
        }
        if (null != counters && null != counters.connects())
        {
            counters.connects().increment();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onDisconnected(final long timeNs, final String reason)
    {
        connected = false;
        proxy.feedEvent(null, FeedEventType.DISCONNECTED, MarketDataProxy.NULL_TIME, timeNs,
            MarketDataProxy.NULL_SEQUENCE, MarketDataProxy.NULL_SEQUENCE, reason);
        decoder.onDisconnected(timeNs);
        System.out.println(java.time.Instant.now() + " " + roleName + " disconnected: " + reason);
    }

    /**
     * {@inheritDoc}
     */
    public void onSnapshot(
        final String venueSymbol, final DirectBuffer buffer, final int offset, final int length, final long timeNs)
    {
        decoder.onRestSnapshot(venueSymbol, buffer, offset, length, timeNs);
    }

    /**
     * {@inheritDoc}
     */
    public void onSnapshotFailed(final String venueSymbol, final String reason)
    {
        final long nowNs = clock.nanoTime();
        errors.report("snapshot failed", venueSymbol + ": " + reason + "; retrying in " +
            SNAPSHOT_RETRY_NS / 1_000_000L + " ms", nowNs);
        for (int i = 0; i < instruments.size(); i++)
        {
            if (instruments.get(i).venueSymbol().equals(venueSymbol))
            {
                snapshotRetryAtNs[i] = nowNs + SNAPSHOT_RETRY_NS;
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void requestResync(final Instrument instrument)
    {
        resyncs++;
        if (resyncTokens > 0 && pendingResyncs.isEmpty())
        {
            resyncTokens--;
            issueResync(instrument);
        }
        else if (!pendingResyncs.contains(instrument))
        {
            pendingResyncs.add(instrument);
        }
    }

    /**
     * Resync requests waiting for the rate limit.
     *
     * @return waiting requests.
     */
    public int pendingResyncCount()
    {
        return pendingResyncs.size();
    }

    private void issueResync(final Instrument instrument)
    {
        if (restSnapshots)
        {
            source.requestSnapshot(instrument.venueSymbol());
        }
        else
        {
            for (final String frame : protocol.resubscribeBookFrames(instrument.venueSymbol()))
            {
                source.send(frame);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void requestReconnect(final String reason)
    {
        source.reconnect(reason);
    }

    /**
     * {@inheritDoc}
     */
    public void onControl(final String what)
    {
        controlFrames++;
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final String message)
    {
        decodeErrors++;
        errors.report("decode error", message, clock.nanoTime());
    }

    /**
     * Frames received.
     *
     * @return frames received.
     */
    public long framesReceived()
    {
        return framesReceived;
    }

    /**
     * Frames or values that could not be decoded.
     *
     * @return decode errors.
     */
    public long decodeErrors()
    {
        return decodeErrors;
    }

    /**
     * Control frames seen.
     *
     * @return control frames.
     */
    public long controlFrames()
    {
        return controlFrames;
    }

    /**
     * Resyncs requested.
     *
     * @return resyncs.
     */
    public long resyncs()
    {
        return resyncs;
    }

    /**
     * Stale subscriptions noticed.
     *
     * @return stale count.
     */
    public long staleCount()
    {
        return stale;
    }

    /**
     * Messages whose exchange time was beyond the clock skew tolerance (published all the same).
     *
     * @return count.
     */
    public long clockSkewCount()
    {
        return clockSkew;
    }

    /**
     * The publisher.
     *
     * @return the publisher.
     */
    public MarketDataProxy proxy()
    {
        return proxy;
    }

    private void updateCounters()
    {
        if (null == counters)
        {
            return;
        }
        set(counters.framesReceived(), framesReceived);
        set(counters.published(), proxy.publishedCount());
        set(counters.backPressured(), proxy.backPressuredCount());
        set(counters.notConnected(), proxy.notConnectedCount());
        set(counters.decodeErrors(), decodeErrors);
        set(counters.connectionState(), connected ? 2 : 0);
        set(counters.resyncs(), resyncs);
        set(counters.stale(), stale);
        set(counters.lastFrameTime(), lastFrameNs);
        set(counters.clockSkew(), clockSkew);
    }

    private static void set(final AtomicCounter counter, final long value)
    {
        if (null != counter)
        {
            counter.setRelease(value);
        }
    }
}
