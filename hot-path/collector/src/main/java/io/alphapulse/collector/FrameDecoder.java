/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import org.agrona.DirectBuffer;

/**
 * Decodes one exchange's WebSocket text frames into normalized market data on a {@link MarketDataProxy}, control
 * and errors on a {@link FrameListener}. One instance per collector, living across reconnects: {@link #onConnected}
 * restarts per-connection state (sequence expectations, books awaiting snapshots) while what must survive a
 * reconnect (the last trade id published per instrument, to skip repeats) is kept. Not thread-safe.
 * <p>
 * A decoder never throws for bad input: a malformed frame or value is reported with {@link FrameListener#onError}
 * and nothing wrong is published. Books are kept per instrument; a checksum mismatch or sequence gap publishes a
 * {@code FeedEvent}, marks only that instrument out of sync and asks the {@link ExchangeSession} for a fresh
 * snapshot.
 */
public interface FrameDecoder
{
    /**
     * Decode one frame.
     *
     * @param buffer        holding the frame's UTF-8 text.
     * @param offset        first byte.
     * @param length        bytes.
     * @param receiveTimeNs when the frame arrived, ns since the epoch.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, long receiveTimeNs);

    /**
     * A new connection is up: per-connection state (Coinbase {@code sequence_num}) restarts and every book waits
     * for its new snapshot.
     *
     * @param nowNs ns since the epoch.
     */
    void onConnected(long nowNs);

    /**
     * The connection is gone: books are no longer current.
     *
     * @param nowNs ns since the epoch.
     */
    void onDisconnected(long nowNs);

    /**
     * A REST depth snapshot (Binance): {@code {"lastUpdateId":N,"bids":[[p,q],...],"asks":[...]}}, optionally
     * with {@code "symbol"}. Exchanges whose books come over the WebSocket ignore it.
     *
     * @param venueSymbol   the symbol the snapshot was requested for, or null to match it by update ids.
     * @param buffer        holding the JSON.
     * @param offset        first byte.
     * @param length        bytes.
     * @param receiveTimeNs when it arrived.
     */
    default void onRestSnapshot(
        final String venueSymbol, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
    }

    /**
     * The exchange's own sequence of the frame decoded last ({@code sequence_num}, {@code sequence}, {@code u}),
     * or {@link MarketDataProxy#NULL_SEQUENCE}: printed by {@code pulse decode} beside trades, whose SBE form has
     * room only for the trade id. Set before the frame's first message is published; read while it is.
     *
     * @return the frame's exchange sequence, or null value.
     */
    long frameSequence();

    /**
     * Instruments whose book is currently in sync.
     *
     * @return count of synchronised books.
     */
    default int syncedBookCount()
    {
        return 0;
    }
}
