/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

import org.agrona.DirectBuffer;

/**
 * What a {@link FrameSource} delivers, always on the collector's own thread.
 */
public interface FrameHandler
{
    /**
     * A text frame.
     *
     * @param buffer        holding the frame's UTF-8 text.
     * @param offset        first byte.
     * @param length        bytes.
     * @param receiveTimeNs when it arrived, ns since the epoch.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, long receiveTimeNs);

    /**
     * A connection is up (live), or the source started (replay, synthetic).
     *
     * @param timeNs ns since the epoch.
     */
    void onConnected(long timeNs);

    /**
     * The connection is gone.
     *
     * @param timeNs ns since the epoch.
     * @param reason for a person to read.
     */
    void onDisconnected(long timeNs, String reason);

    /**
     * A REST depth snapshot arrived (Binance).
     *
     * @param venueSymbol   the symbol it was requested for.
     * @param buffer        holding the JSON body.
     * @param offset        first byte.
     * @param length        bytes.
     * @param receiveTimeNs when it arrived.
     */
    void onSnapshot(String venueSymbol, DirectBuffer buffer, int offset, int length, long receiveTimeNs);

    /**
     * A REST depth snapshot could not be fetched (the collector retries after a delay).
     *
     * @param venueSymbol the symbol it was requested for.
     * @param reason      what went wrong.
     */
    void onSnapshotFailed(String venueSymbol, String reason);

    /**
     * A frame that is not for the decoder was dropped (a binary frame: every exchange's protocol is text). Count it
     * and say so; the connection goes on.
     *
     * @param reason what was dropped, naming its size.
     * @param timeNs when.
     */
    default void onFrameRejected(final String reason, final long timeNs)
    {
    }
}
