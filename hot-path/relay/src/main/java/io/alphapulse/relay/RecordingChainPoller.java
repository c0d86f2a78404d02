/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.Aeron;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.PersistentSubscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.alphapulse.driver.RecordingChain;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * Resumes one collector stream from a checkpoint across every recording the Archive made of it since: the rest of
 * the checkpointed recording, then each later recording (each a collector process that ran, perhaps while the relay
 * was down) from its start, and finally the active recording, replayed and then followed live. When the collector
 * restarts later, its new recording is picked up from its first message.
 * <p>
 * Each recording is a separate collector session with its own sequence numbers, which is why the poller tells the
 * input which recording every message comes from ({@link #recordingId()}). Live following uses a
 * {@link PersistentSubscription} whose live channel is filtered to the recording's session, so it can never mistake
 * another collector process's stream for the one it replays.
 */
final class RecordingChainPoller implements ExchangeInput.Poller
{
    private static final long CHECK_INTERVAL_NS = 250_000_000L;

    private final Aeron aeron;
    private final AeronArchive archive;
    private final String aeronDirectoryName;
    private final String channel;
    private final int streamId;
    private final int replayStreamId;
    private final PositionTracking tracking = new PositionTracking();

    private long recordingId;
    private int sessionId;
    private long fromPosition;
    private long stopPosition;
    private Subscription replay;
    private PersistentSubscription persistent;
    private boolean waiting;
    private long nextCheckNs;
    private long lastProgressNs;

    /**
     * Start with the checkpointed recording at the checkpointed position.
     *
     * @param aeron              client the relay runs on.
     * @param aeronDirectoryName where the driver is, for archive clients.
     * @param channel            the collector channel recorded ({@code aeron:ipc}, or UDP from another host).
     * @param streamId           the collector stream.
     * @param replayStreamId     stream id for replays into this relay.
     * @param recordingId        the checkpointed recording.
     * @param position           the checkpointed position in it.
     */
    RecordingChainPoller(
        final Aeron aeron,
        final String aeronDirectoryName,
        final String channel,
        final int streamId,
        final int replayStreamId,
        final long recordingId,
        final long position)
    {
        this.aeron = aeron;
        this.aeronDirectoryName = aeronDirectoryName;
        this.channel = channel;
        this.streamId = streamId;
        this.replayStreamId = replayStreamId;
        this.archive = AeronArchive.connect(
            io.alphapulse.driver.PulseMediaDriver.archiveClientContext(aeronDirectoryName)
                .aeron(aeron).ownsAeronClient(false));
        final RecordingChain.Recording first = RecordingChain.list(archive, channel, streamId).find(recordingId);
        if (null == first || first.streamId() != streamId)
        {
            CloseHelper.close(archive);
            throw new IllegalArgumentException("recording " + recordingId + " of stream " + streamId + " not found");
        }
        open(first, position);
    }

    public int controlledPoll(final ControlledFragmentHandler handler, final int fragmentLimit)
    {
        final long nowNs = aeron.context().nanoClock().nanoTime();
        tracking.handler = handler;
        int work = 0;
        if (null != replay)
        {
            work = replay.controlledPoll(tracking, fragmentLimit);
            final Image image = replay.imageCount() > 0 ? replay.imageAtIndex(0) : null;
            if (tracking.position >= stopPosition || (null != image && image.isEndOfStream()))
            {
                CloseHelper.close(replay);
                replay = null;
                advance();
                work++;
            }
        }
        else if (null != persistent)
        {
            if (persistent.hasFailed())
            {
                tracking.handler = null;
                return onPersistentFailed();
            }
            final long before = tracking.position;
            work = persistent.controlledPoll(tracking, fragmentLimit);
            if (tracking.position != before)
            {
                lastProgressNs = nowNs;
            }
            else if ((!persistent.isLive() || nowNs - lastProgressNs >= CHECK_INTERVAL_NS) &&
                nowNs - nextCheckNs >= 0)
            {
                // No messages, or no longer live (the persistent subscription cycles through its replay states
                // without reading anything once the publisher has gone): has the collector process behind this
                // recording gone, and has everything been read? Asked at most every CHECK_INTERVAL_NS.
                nextCheckNs = nowNs + CHECK_INTERVAL_NS;
                final long stop = archive.getStopPosition(recordingId);
                if (AeronArchive.NULL_POSITION != stop && tracking.position >= stop)
                {
                    CloseHelper.close(persistent);
                    persistent = null;
                    advance();
                    work++;
                }
            }
        }
        else if (waiting && nowNs - nextCheckNs >= 0)
        {
            nextCheckNs = nowNs + CHECK_INTERVAL_NS;
            advance();
        }
        tracking.handler = null;
        return work;
    }

    public boolean isLive()
    {
        return null != persistent && persistent.isLive();
    }

    /**
     * The collector recording the messages polled now come from.
     *
     * @return recording id.
     */
    public long recordingId()
    {
        return recordingId;
    }

    public void close()
    {
        CloseHelper.closeAll(replay, persistent, archive);
        replay = null;
        persistent = null;
    }

    /**
     * After the publisher has gone, the persistent subscription falls back to replay and fails when everything was
     * already read ("requested replay start position must be less than the limit position"). That is the end of
     * this recording, not an error: read what is left of it by plain replay, or move on. A failure while the recording is still active is an
     * error: it is reported once and the recording is followed again from the last position read, so nothing is lost.
     */
    private int onPersistentFailed()
    {
        final Exception reason = persistent.failureReason();
        CloseHelper.close(persistent);
        persistent = null;
        final long stop = archive.getStopPosition(recordingId);
        final long position = tracking.position;
        if (AeronArchive.NULL_POSITION != stop)
        {
            stopPosition = stop;
            readToStop(position);
            return 1;
        }
        persistent = persistentSubscription(position);
        throw new IllegalStateException(
            "following recording " + recordingId + " failed at position " + position + ", following it again: " +
            reason, reason);
    }

    private void advance()
    {
        final RecordingChain.Recording next = RecordingChain.list(archive, channel, streamId).next(recordingId);
        if (null == next)
        {
            waiting = true;
            return;
        }
        waiting = false;
        open(next, next.startPosition());
    }

    private void open(final RecordingChain.Recording recording, final long position)
    {
        recordingId = recording.recordingId();
        sessionId = recording.sessionId();
        fromPosition = position;
        stopPosition = recording.stopPosition();
        tracking.position = position;
        lastProgressNs = aeron.context().nanoClock().nanoTime();
        if (AeronArchive.NULL_POSITION != stopPosition)
        {
            readToStop(position);
        }
        else
        {
            persistent = persistentSubscription(position);
        }
    }

    /**
     * A stopped recording: replay what is left of it up to its stop position, or move on when all of it was read.
     */
    private void readToStop(final long position)
    {
        if (position >= stopPosition)
        {
            advance();
        }
        else
        {
            replay = archive.replay(recordingId, position, stopPosition - position, "aeron:ipc", replayStreamId);
        }
    }

    private PersistentSubscription persistentSubscription(final long position)
    {
        return PersistentSubscription.create(new PersistentSubscription.Context()
            .aeron(aeron)
            .recordingId(recordingId)
            .startPosition(position)
            .liveChannel(io.aeron.ChannelUri.addSessionId(channel, sessionId))
            .liveStreamId(streamId)
            .replayChannel("aeron:ipc")
            .replayStreamId(replayStreamId)
            .aeronArchiveContext(io.alphapulse.driver.PulseMediaDriver.archiveClientContext(aeronDirectoryName)));
    }

    /**
     * Where the chain is, for start-up reports.
     *
     * @return description.
     */
    String describe()
    {
        return "recording " + recordingId + " from position " + fromPosition;
    }

    /**
     * Passes fragments on and remembers the position after the last one consumed.
     */
    private static final class PositionTracking implements ControlledFragmentHandler
    {
        ControlledFragmentHandler handler;
        long position;

        public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            final Action action = handler.onFragment(buffer, offset, length, header);
            if (Action.ABORT != action)
            {
                position = header.position();
            }
            return action;
        }
    }
}
