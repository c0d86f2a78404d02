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
    private final int streamId;
    private final int replayStreamId;
    private final PositionTracking tracking = new PositionTracking();

    private long recordingId;
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
     * @param streamId           the collector stream.
     * @param replayStreamId     stream id for replays into this relay.
     * @param recordingId        the checkpointed recording.
     * @param position           the checkpointed position in it.
     */
    RecordingChainPoller(
        final Aeron aeron,
        final String aeronDirectoryName,
        final int streamId,
        final int replayStreamId,
        final long recordingId,
        final long position)
    {
        this.aeron = aeron;
        this.aeronDirectoryName = aeronDirectoryName;
        this.streamId = streamId;
        this.replayStreamId = replayStreamId;
        this.archive = AeronArchive.connect(
            io.alphapulse.driver.PulseMediaDriver.archiveClientContext(aeronDirectoryName)
                .aeron(aeron).ownsAeronClient(false));
        final RecordingChain.Recording first = RecordingChain.list(archive, "aeron:ipc", streamId).find(recordingId);
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
                throw new IllegalStateException(
                    "following recording " + recordingId + " failed", persistent.failureReason());
            }
            work = persistent.controlledPoll(tracking, fragmentLimit);
            if (work > 0)
            {
                lastProgressNs = nowNs;
            }
            else if (nowNs - lastProgressNs >= CHECK_INTERVAL_NS && nowNs - nextCheckNs >= 0)
            {
                // Quiet: has the collector process behind this recording gone, and has everything been read?
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

    private void advance()
    {
        final RecordingChain.Recording next = RecordingChain.list(archive, "aeron:ipc", streamId).next(recordingId);
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
        fromPosition = position;
        stopPosition = recording.stopPosition();
        tracking.position = position;
        lastProgressNs = aeron.context().nanoClock().nanoTime();
        if (AeronArchive.NULL_POSITION != stopPosition)
        {
            if (position >= stopPosition)
            {
                advance();
                return;
            }
            replay = archive.replay(recordingId, position, stopPosition - position, "aeron:ipc", replayStreamId);
        }
        else
        {
            persistent = PersistentSubscription.create(new PersistentSubscription.Context()
                .aeron(aeron)
                .recordingId(recordingId)
                .startPosition(position)
                .liveChannel("aeron:ipc?session-id=" + recording.sessionId())
                .liveStreamId(streamId)
                .replayChannel("aeron:ipc")
                .replayStreamId(replayStreamId)
                .aeronArchiveContext(io.alphapulse.driver.PulseMediaDriver.archiveClientContext(aeronDirectoryName)));
        }
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
