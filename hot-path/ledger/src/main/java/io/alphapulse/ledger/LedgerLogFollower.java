/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.service.ClusterCounters;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.codecs.SessionMessageHeaderDecoder;
import io.aeron.logbuffer.Header;
import io.alphapulse.driver.MediaDriverConfiguration;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.CountersReader;

/**
 * Follows a ledger member's recorded cluster log in its Archive, from the start and then live as the recording grows,
 * through a {@link LedgerService#replica replica} of the ledger, and hands on the egress the leader broadcast for
 * each message: what a client connected all along would have received, in the same order, so a reader that was
 * down (the projector) catches up on everything it missed.
 * <p>
 * The log holds the ledger's inputs; the replica turns them into the same state and events as every member
 * (the ledger is deterministic). {@link #resumeAfter} drops the events of messages at or before a position already
 * processed (a watermark), while the replica still applies them to rebuild its state.
 * <p>
 * Runs on the member's own media driver (IPC to the Archive and for the replay). When the member stops, the replay
 * ends; the follower retries every {@link #RETRY_INTERVAL_NS} and carries on from its position in the same recording,
 * or starts over from position 0 when the log is a new recording (a ledger started empty).
 * <p>
 * Only the committed log is followed: the replay is polled up to the member's commit position (its consensus module's
 * {@code commit-pos} counter), never past it. A member's recording can hold a tail it appended but the cluster never
 * committed, which an election then truncates; bounded by the commit position, nothing of such a tail is ever handed
 * on. Limit: the whole log must still be in the Archive (nothing purged).
 */
public final class LedgerLogFollower implements AutoCloseable
{
    /**
     * Stream id of the replay on the member's driver.
     */
    public static final int REPLAY_STREAM_ID = 2301;

    /**
     * Wait between attempts to (re)start the replay.
     */
    public static final long RETRY_INTERVAL_NS = 1_000_000_000L;

    private final String aeronDirectoryName;
    private final EgressListener events;
    private final ErrorHandler errorHandler;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private final MessageHeaderDecoder clusterHeader = new MessageHeaderDecoder();
    private final SessionMessageHeaderDecoder sessionHeader = new SessionMessageHeaderDecoder();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onLogFragment);
    private final EgressListener replicaEgress = this::onReplicaEgress;

    private LedgerService replica;
    private Aeron aeron;
    private AeronArchive archive;
    private Subscription replay;
    private long replaySessionId;
    private int commitPositionCounterId = CountersReader.NULL_COUNTER_ID;
    private long nextAttemptNs;

    private long recordingId = -1;
    private long recordingStartTimestamp;
    private long position;
    private long suppressThroughPosition = -1;
    private boolean emitting;
    private long eventsEmitted;
    private long eventsSuppressed;
    private long replays;

    /**
     * Follow the log of the member whose media driver uses {@code aeronDirectoryName}.
     *
     * @param aeronDirectoryName the member's Aeron directory.
     * @param events             receives the ledger's events (SBE egress).
     * @param errorHandler       receives failures (connection, replay, messages the ledger could not apply).
     */
    public LedgerLogFollower(final String aeronDirectoryName, final EgressListener events, final ErrorHandler errorHandler)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        this.events = events;
        this.errorHandler = errorHandler;
        this.replica = LedgerService.replica(replicaEgress, errorHandler);
    }

    /**
     * Events of log messages up to {@code logPosition} of this recording were processed already: apply them to the
     * state only. A different recording (the ledger started empty since) means nothing was processed.
     *
     * @param recordingId             recording of the watermark.
     * @param recordingStartTimestamp its start time (epoch ms), telling a recording id reused by a new Archive.
     * @param logPosition             log position after the last message processed.
     */
    public void resumeAfter(final long recordingId, final long recordingStartTimestamp, final long logPosition)
    {
        this.recordingId = recordingId;
        this.recordingStartTimestamp = recordingStartTimestamp;
        this.suppressThroughPosition = logPosition;
    }

    /**
     * Poll the replay; (re)start it when due.
     *
     * @param fragmentLimit fragments at most.
     * @return work done.
     */
    public int poll(final int fragmentLimit)
    {
        try
        {
            if (null == replay)
            {
                final long nowNs = clock.nanoTime();
                if (nowNs - nextAttemptNs < 0)
                {
                    return 0;
                }
                nextAttemptNs = nowNs + RETRY_INTERVAL_NS;
                return startReplay();
            }
            final Image image = replay.imageBySessionId((int)replaySessionId);
            final long commitPosition = commitPosition();
            final int fragments = null == image || CountersReader.NULL_COUNTER_ID == commitPosition ? 0 :
                image.boundedPoll(assembler, commitPosition, fragmentLimit);
            if (0 == fragments)
            {
                if (null != image && (image.isClosed() || image.isEndOfStream()) || !archiveAlive() ||
                    CountersReader.NULL_COUNTER_ID == commitPosition)
                {
                    // The member stopped (or the recording did): try again from here later.
                    closeReplay();
                }
            }
            return fragments;
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            closeAll();
            return 0;
        }
    }

    /**
     * The member's commit position: everything up to it is in the log of a majority and no election can truncate it.
     *
     * @return the position, or {@link CountersReader#NULL_COUNTER_ID} when the member's consensus module is gone.
     */
    private long commitPosition()
    {
        final CountersReader counters = aeron.countersReader();
        final int id = commitPositionCounterId;
        if (CountersReader.NULL_COUNTER_ID == id || CountersReader.RECORD_ALLOCATED != counters.getCounterState(id) ||
            ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID != counters.getCounterTypeId(id))
        {
            commitPositionCounterId = CountersReader.NULL_COUNTER_ID;
            return CountersReader.NULL_COUNTER_ID;
        }
        return counters.getCounterValue(id);
    }

    /**
     * Position up to which the member's log is committed, as last read, or -1 while not following.
     *
     * @return the position.
     */
    public long commitPositionSeen()
    {
        return null == aeron || aeron.isClosed() ? -1 : commitPosition();
    }

    /**
     * Position up to which the member has recorded its log, committed or not (a diagnostic: an Archive request).
     *
     * @return the position, or -1 while not following.
     */
    public long recordedPosition()
    {
        return null == archive || recordingId < 0 ? -1 : archive.getRecordingPosition(recordingId);
    }

    /**
     * Log position after the last message applied (every event up to it has been handed on or suppressed).
     *
     * @return position.
     */
    public long position()
    {
        return position;
    }

    /**
     * The recording followed, or -1 before the first replay.
     *
     * @return recording id.
     */
    public long recordingId()
    {
        return recordingId;
    }

    /**
     * Start time (epoch ms) of the recording followed.
     *
     * @return timestamp.
     */
    public long recordingStartTimestamp()
    {
        return recordingStartTimestamp;
    }

    /**
     * Events handed on.
     *
     * @return count.
     */
    public long eventsEmitted()
    {
        return eventsEmitted;
    }

    /**
     * Events of messages at or before the watermark, not handed on again.
     *
     * @return count.
     */
    public long eventsSuppressed()
    {
        return eventsSuppressed;
    }

    /**
     * Replays started (1 when the member never stopped).
     *
     * @return count.
     */
    public long replays()
    {
        return replays;
    }

    /**
     * Whether a replay is running.
     *
     * @return true while following.
     */
    public boolean isFollowing()
    {
        return null != replay;
    }

    /**
     * Stop the replay and disconnect.
     */
    public void close()
    {
        closeAll();
    }

    private int startReplay()
    {
        if (null == aeron)
        {
            // Not Aeron's default error handler: it exits the JVM when the member's driver stops.
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName).errorHandler(errorHandler));
            archive = AeronArchive.connect(new AeronArchive.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .controlRequestChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL)
                .controlResponseChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL));
        }

        commitPositionCounterId = ClusterCounters.find(
            aeron.countersReader(), ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID, 0);
        if (CountersReader.NULL_COUNTER_ID == commitPositionCounterId)
        {
            return 0; // The member's consensus module is not up (yet): nothing is known to be committed.
        }

        final long[] found = {-1, 0, 0, 0};
        archive.listRecordings(0, Integer.MAX_VALUE,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
            originalChannel, sourceIdentity) ->
            {
                if (streamId == ConsensusModule.Configuration.logStreamId() && id > found[0])
                {
                    found[0] = id;
                    found[1] = startTimestamp;
                    found[2] = startPosition;
                }
            });
        if (found[0] < 0)
        {
            return 0;
        }
        if (found[0] != recordingId || found[1] != recordingStartTimestamp)
        {
            // A new log: nothing of it was processed or applied.
            recordingId = found[0];
            recordingStartTimestamp = found[1];
            suppressThroughPosition = -1;
            position = 0;
            replica = LedgerService.replica(replicaEgress, errorHandler);
        }
        if (found[2] != 0)
        {
            throw new IllegalStateException("ledger log recording " + recordingId + " starts at " + found[2] +
                ": its beginning was purged, so the ledger's history cannot be rebuilt from it");
        }
        long limit = archive.getRecordingPosition(recordingId);
        if (AeronArchive.NULL_POSITION == limit)
        {
            limit = archive.getStopPosition(recordingId);
        }
        if (limit <= position)
        {
            return 0;
        }

        replaySessionId = archive.startReplay(
            recordingId, position, AeronArchive.REPLAY_ALL_AND_FOLLOW, "aeron:ipc", REPLAY_STREAM_ID);
        replay = aeron.addSubscription(
            ChannelUri.addSessionId("aeron:ipc", (int)replaySessionId), REPLAY_STREAM_ID);
        replays++;
        return 1;
    }

    private boolean archiveAlive()
    {
        return null != archive && !aeron.isClosed() && archive.controlResponsePoller().subscription().isConnected();
    }

    private void closeReplay()
    {
        if (null != replay)
        {
            final Subscription subscription = replay;
            replay = null;
            try
            {
                if (null != archive && !aeron.isClosed())
                {
                    archive.stopReplay(replaySessionId);
                }
            }
            catch (final RuntimeException ex)
            {
                // The replay ended with the member; the subscription is closed below either way.
            }
            CloseHelper.quietClose(subscription);
        }
        nextAttemptNs = clock.nanoTime() + RETRY_INTERVAL_NS;
    }

    private void closeAll()
    {
        closeReplay();
        CloseHelper.quietCloseAll(archive, aeron);
        archive = null;
        aeron = null;
    }

    private void onLogFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
        {
            clusterHeader.wrap(buffer, offset);
            if (clusterHeader.schemaId() == MessageHeaderDecoder.SCHEMA_ID &&
                clusterHeader.templateId() == SessionMessageHeaderDecoder.TEMPLATE_ID &&
                length >= AeronCluster.SESSION_HEADER_LENGTH)
            {
                sessionHeader.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, clusterHeader.blockLength(),
                    clusterHeader.version());
                emitting = header.position() > suppressThroughPosition;
                replica.applyLogMessage(sessionHeader.timestamp(), buffer,
                    offset + AeronCluster.SESSION_HEADER_LENGTH, length - AeronCluster.SESSION_HEADER_LENGTH);
            }
        }
        // Other cluster records (sessions opened and closed, new terms, timers) change nothing in the ledger.
        position = header.position();
    }

    private void onReplicaEgress(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (emitting)
        {
            eventsEmitted++;
            events.onMessage(clusterSessionId, timestamp, buffer, offset, length, header);
        }
        else
        {
            eventsSuppressed++;
        }
    }
}
