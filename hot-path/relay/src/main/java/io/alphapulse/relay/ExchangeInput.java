/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventEncoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * One collector stream into the relay: validates each message, tracks the stream's sequence, publishes a gap record
 * into the merged stream when messages are missing, suppresses duplicates, and forwards every valid message
 * unchanged. When the merged publication is back-pressured the fragment is aborted and retried on the next poll,
 * so back-pressure reaches the collector instead of losing data here.
 */
final class ExchangeInput implements ControlledFragmentHandler, MarketDataReader.Listener
{
    /**
     * Counters of one exchange; any may be null.
     *
     * @param messages     forwarded.
     * @param gaps         gap records.
     * @param missing      messages missing in gaps.
     * @param lastSequence last sequence forwarded.
     * @param lagNs        publish-to-relay lag of the last message.
     * @param backPressure back-pressure events.
     * @param rejected     rejected by validation.
     * @param duplicates   suppressed duplicates.
     * @param sessions     collector sessions seen.
     */
    record Counters(
        AtomicCounter messages,
        AtomicCounter gaps,
        AtomicCounter missing,
        AtomicCounter lastSequence,
        AtomicCounter lagNs,
        AtomicCounter backPressure,
        AtomicCounter rejected,
        AtomicCounter duplicates,
        AtomicCounter sessions)
    {
    }

    private static final int GAP_RECORD_LENGTH = 256;

    /**
     * What the input polls: a live subscription, or a persistent one that replays from the Archive, then goes live.
     */
    interface Poller
    {
        /**
         * Poll.
         *
         * @param handler       fragment handler.
         * @param fragmentLimit most fragments.
         * @return fragments read.
         */
        int controlledPoll(ControlledFragmentHandler handler, int fragmentLimit);

        /**
         * Whether the poller is on the live stream (always, for a plain subscription).
         *
         * @return true when live.
         */
        boolean isLive();

        /**
         * Close.
         */
        void close();

        /**
         * The collector recording the fragments polled now come from, when the poller reads recordings.
         *
         * @return recording id, or {@code Long.MIN_VALUE} when reading a live stream.
         */
        default long recordingId()
        {
            return Long.MIN_VALUE;
        }

        /**
         * A plain subscription.
         *
         * @param subscription the subscription.
         * @return the poller.
         */
        static Poller of(final Subscription subscription)
        {
            return new Poller()
            {
                public int controlledPoll(final ControlledFragmentHandler handler, final int fragmentLimit)
                {
                    return subscription.controlledPoll(handler, fragmentLimit);
                }

                public boolean isLive()
                {
                    return true;
                }

                public void close()
                {
                    subscription.close();
                }
            };
        }

        /**
         * A persistent subscription: Archive replay from a position, then live, with no gap or overlap.
         *
         * @param subscription the persistent subscription.
         * @return the poller.
         */
        static Poller of(final io.aeron.archive.client.PersistentSubscription subscription)
        {
            return new Poller()
            {
                public int controlledPoll(final ControlledFragmentHandler handler, final int fragmentLimit)
                {
                    if (subscription.hasFailed())
                    {
                        throw new IllegalStateException("persistent subscription failed", subscription.failureReason());
                    }
                    return subscription.controlledPoll(handler, fragmentLimit);
                }

                public boolean isLive()
                {
                    return subscription.isLive();
                }

                public void close()
                {
                    subscription.close();
                }
            };
        }
    }

    private final Exchange exchange;
    private final Poller subscription;
    private final ExclusivePublication merged;
    private final EpochNanoClock clock;
    private final Counters counters;
    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(this);
    private final MarketDataReader reader = new MarketDataReader(this);
    private final SequenceTracker tracker = new SequenceTracker();
    private final UnsafeBuffer gapBuffer = new UnsafeBuffer(new byte[GAP_RECORD_LENGTH]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final FeedEventEncoder gapEncoder = new FeedEventEncoder();

    private int sessionId;
    private boolean hasSession;
    private long messageSequence;
    private long messagePublishTimeNs;
    private long messageReceiveTimeNs;
    private TimeIndex mergedIndex;
    private TimeIndex collectorIndex;
    private long collectorIndexRecordingId = Long.MIN_VALUE;
    private long previousMessageEnd = Long.MIN_VALUE;
    private java.nio.file.Path indexDir;
    private long indexIntervalNs;
    private Exchange messageExchange;
    private long gapPublishedFor = Long.MIN_VALUE;

    private long messages;
    private long gaps;
    private long missing;
    private long lagNs;
    private long backPressure;
    private long rejected;
    private long duplicates;
    private long sessions;

    private RelayCheckpoint checkpoint;
    private long collectorRecordingId = Long.MIN_VALUE;
    private java.util.function.IntToLongFunction recordingIdBySession;
    private boolean resumePending;
    private long resumeSequence;
    private long resumeRecordingId = Long.MIN_VALUE;
    private long sourceRecordingOfSession = Long.MIN_VALUE;
    private boolean sessionWasLive;
    private long mergedRecordingId = Long.MIN_VALUE;

    ExchangeInput(
        final Exchange exchange,
        final Poller subscription,
        final ExclusivePublication merged,
        final EpochNanoClock clock,
        final Counters counters)
    {
        this.exchange = exchange;
        this.subscription = subscription;
        this.merged = merged;
        this.clock = clock;
        this.counters = counters;
    }

    int poll(final int fragmentLimit)
    {
        return subscription.controlledPoll(assembler, fragmentLimit);
    }

    /**
     * {@inheritDoc}
     */
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final boolean live = subscription.isLive();
        final long sourceRecordingId = subscription.recordingId();
        if (!hasSession || header.sessionId() != sessionId)
        {
            // A new session id is either the same collector stream seen another way (its replay went live) or a
            // new collector process, whose sequence starts again. A poller that reads recordings knows which;
            // for a plain live subscription, only a replay turning live continues a stream.
            final boolean sameStream = Long.MIN_VALUE != sourceRecordingId ?
                hasSession && sourceRecordingId == sourceRecordingOfSession :
                hasSession && !sessionWasLive && live;
            hasSession = true;
            sessionId = header.sessionId();
            sourceRecordingOfSession = sourceRecordingId;
            if (resumePending && (Long.MIN_VALUE == sourceRecordingId || sourceRecordingId == resumeRecordingId))
            {
                // Resuming after a restart: the replay continues the stream the checkpoint was taken on.
                tracker.resumeAfter(resumeSequence);
                collectorRecordingId = resumeRecordingId;
            }
            else if (!sameStream)
            {
                tracker.resumeAfter(Long.MIN_VALUE);
                collectorRecordingId = sourceRecordingId;
                sessions++;
            }
            resumePending = false;
            gapPublishedFor = Long.MIN_VALUE;
            if (!sameStream)
            {
                previousMessageEnd = Long.MIN_VALUE;
            }
        }
        sessionWasLive = live;

        messageExchange = null;
        try
        {
            if (MarketDataReader.Result.DISPATCHED != reader.read(buffer, offset, length) ||
                messageExchange != exchange)
            {
                rejected++;
                return Action.CONTINUE;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // An enum value the schema does not define: corrupt or foreign bytes, never forwarded.
            rejected++;
            return Action.CONTINUE;
        }

        final int classification = tracker.classify(messageSequence);
        if (SequenceTracker.DUPLICATE == classification)
        {
            duplicates++;
            return Action.CONTINUE;
        }

        if (SequenceTracker.GAP == classification && gapPublishedFor != tracker.received())
        {
            if (!publishGap(tracker.expected(), tracker.received()))
            {
                backPressure++;
                return Action.ABORT;
            }
            gapPublishedFor = tracker.received();
            gaps++;
            missing += tracker.received() - tracker.expected();
        }

        if (null != mergedIndex)
        {
            mergedIndex.onMessage(merged.position(), messageReceiveTimeNs);
        }
        final long result = merged.offer(buffer, offset, length);
        if (result < 0)
        {
            backPressure++;
            return Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result ?
                Action.CONTINUE : Action.ABORT;
        }

        tracker.accept();
        messages++;
        lagNs = clock.nanoTime() - messagePublishTimeNs;
        if (null != checkpoint)
        {
            checkpoint(header, result);
        }
        indexCollectorRecording(header.position());
        return Action.CONTINUE;
    }

    /**
     * The collector recording's time index: an entry at the end of the previous message (where this one starts)
     * with the latest time before it, the same invariant as the merged index.
     */
    private void indexCollectorRecording(final long messageEnd)
    {
        if (null != indexDir && Long.MIN_VALUE != collectorRecordingId)
        {
            if (collectorRecordingId != collectorIndexRecordingId)
            {
                if (null != collectorIndex)
                {
                    collectorIndex.close();
                }
                collectorIndex = TimeIndex.open(indexDir, collectorRecordingId, indexIntervalNs, 1 << 20);
                collectorIndexRecordingId = collectorRecordingId;
            }
            if (Long.MIN_VALUE != previousMessageEnd)
            {
                collectorIndex.onMessage(previousMessageEnd, messageReceiveTimeNs);
            }
        }
        previousMessageEnd = messageEnd;
    }

    /**
     * Keep time indexes of the collector recordings this input consumes.
     *
     * @param indexDir        folder of index files.
     * @param indexIntervalNs time between entries.
     */
    void collectorIndex(final java.nio.file.Path indexDir, final long indexIntervalNs)
    {
        this.indexDir = indexDir;
        this.indexIntervalNs = indexIntervalNs;
    }

    private void checkpoint(final Header header, final long mergedPosition)
    {
        if (Long.MIN_VALUE == collectorRecordingId && null != recordingIdBySession)
        {
            collectorRecordingId = recordingIdBySession.applyAsLong(header.sessionId());
        }
        if (Long.MIN_VALUE != collectorRecordingId)
        {
            checkpoint.forwarded(exchange, collectorRecordingId, tracker.last(), header.position());
        }
        checkpoint.merged(mergedRecordingId, mergedPosition);
    }

    /**
     * Keep the checkpoint current after every forwarded message.
     *
     * @param checkpoint           the checkpoint.
     * @param recordingIdBySession recording id of a live collector session, or {@code Long.MIN_VALUE} if none yet.
     * @param mergedRecordingId    the merged recording this relay publishes into.
     */
    void checkpoint(
        final RelayCheckpoint checkpoint,
        final java.util.function.IntToLongFunction recordingIdBySession,
        final long mergedRecordingId)
    {
        this.checkpoint = checkpoint;
        this.recordingIdBySession = recordingIdBySession;
        this.mergedRecordingId = mergedRecordingId;
    }

    /**
     * Resume from a checkpoint: the first stream polled continues the collector recording consumed before, and
     * sequences up to {@code lastSequence} were forwarded already.
     *
     * @param recordingId  the collector recording being replayed.
     * @param lastSequence the last sequence known to be in the merged stream.
     */
    void resume(final long recordingId, final long lastSequence)
    {
        this.resumePending = true;
        this.resumeSequence = lastSequence;
        this.resumeRecordingId = recordingId;
        this.collectorRecordingId = recordingId;
    }

    private boolean publishGap(final long expected, final long received)
    {
        // Received when the message that revealed the gap was: keeps the merged stream's times, and its index, true.
        final long nowNs = clock.nanoTime();
        if (null != mergedIndex)
        {
            mergedIndex.onMessage(merged.position(), messageReceiveTimeNs);
        }
        gapEncoder.wrapAndApplyHeader(gapBuffer, 0, headerEncoder)
            .exchangeTimeNs(FeedEventEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(messageReceiveTimeNs)
            .publishTimeNs(nowNs)
            .expectedSequence(expected)
            .receivedSequence(received)
            .sequence(received & 0xFFFF_FFFFL)
            .instrumentId(FeedEventEncoder.instrumentIdNullValue())
            .exchange(exchange)
            .eventType(FeedEventType.GAP)
            .origin(EventOrigin.RELAY)
            .detail("relay: messages missing from the collector stream");
        return merged.offer(gapBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + gapEncoder.encodedLength()) > 0;
    }

    void updateCounters()
    {
        if (null == counters)
        {
            return;
        }
        set(counters.messages(), messages);
        set(counters.gaps(), gaps);
        set(counters.missing(), missing);
        set(counters.lastSequence(), tracker.last());
        set(counters.lagNs(), lagNs);
        set(counters.backPressure(), backPressure);
        set(counters.rejected(), rejected);
        set(counters.duplicates(), duplicates);
        set(counters.sessions(), sessions);
    }

    private static void set(final AtomicCounter counter, final long value)
    {
        if (null != counter)
        {
            counter.setRelease(value);
        }
    }

    Exchange exchange()
    {
        return exchange;
    }

    long messages()
    {
        return messages;
    }

    long gaps()
    {
        return gaps;
    }

    long missing()
    {
        return missing;
    }

    long rejected()
    {
        return rejected;
    }

    long duplicates()
    {
        return duplicates;
    }

    long backPressure()
    {
        return backPressure;
    }

    long lastSequence()
    {
        return tracker.last();
    }

    void close()
    {
        subscription.close();
        if (null != collectorIndex)
        {
            collectorIndex.close();
        }
    }

    /**
     * Index the merged recording's positions by the forwarded messages' receive times.
     *
     * @param mergedIndex the merged recording's index, or null.
     */
    void mergedIndex(final TimeIndex mergedIndex)
    {
        this.mergedIndex = mergedIndex;
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(final TradeDecoder trade)
    {
        capture(trade.exchange(), trade.sequence(), trade.publishTimeNs(), trade.receiveTimeNs());
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(final TopOfBookDecoder topOfBook)
    {
        capture(topOfBook.exchange(), topOfBook.sequence(), topOfBook.publishTimeNs(), topOfBook.receiveTimeNs());
    }

    /**
     * {@inheritDoc}
     */
    public void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        capture(snapshot.exchange(), snapshot.sequence(), snapshot.publishTimeNs(), snapshot.receiveTimeNs());
    }

    /**
     * {@inheritDoc}
     */
    public void onBookUpdate(final BookUpdateDecoder update)
    {
        capture(update.exchange(), update.sequence(), update.publishTimeNs(), update.receiveTimeNs());
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
    {
        capture(definition.exchange(), definition.sequence(), definition.publishTimeNs(),
            definition.receiveTimeNs());
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(final FeedEventDecoder event)
    {
        if (EventOrigin.RELAY == event.origin())
        {
            messageExchange = null;
            return;
        }
        capture(event.exchange(), event.sequence(), event.publishTimeNs(), event.receiveTimeNs());
    }

    /**
     * {@inheritDoc}
     */
    public void onHeartbeat(final HeartbeatDecoder heartbeat)
    {
        capture(heartbeat.exchange(), heartbeat.sequence(), heartbeat.publishTimeNs(), heartbeat.receiveTimeNs());
    }

    private void capture(
        final Exchange exchange, final long sequence, final long publishTimeNs, final long receiveTimeNs)
    {
        messageExchange = exchange;
        messageSequence = sequence;
        messagePublishTimeNs = publishTimeNs;
        messageReceiveTimeNs = receiveTimeNs;
    }
}
