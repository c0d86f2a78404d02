/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.ProcessErrorLog;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.RelayCounterTypes;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay: subscribes to every collector stream, validates and merges them into one stream with gap records, and
 * makes sure Aeron Archive records every collector stream and the merged stream.
 * <p>
 * Fan-out without interference: consumers subscribe to the merged stream on IPC. One that must see everything (the
 * engine) uses {@link StreamIds#MERGED_CHANNEL}; one that must never slow anyone (the bridge) uses
 * {@link StreamIds#MERGED_UNTETHERED_CHANNEL}, which Aeron lets go when it falls a term behind, so the engine's feed
 * is never held back by it; it catches up by rejoining, and knows exactly what it skipped from the per-exchange
 * sequence numbers every message carries.
 */
public final class Relay implements AutoCloseable
{
    private final Context ctx;
    private final Aeron aeron;
    private final ExclusivePublication merged;
    private final List<AtomicCounter> counters = new ArrayList<>();
    private final RelayAgent agent;
    private final AgentRunner runner;
    private final ProcessErrorLog errorLog;
    private final List<String> recordings = new ArrayList<>();
    private long archiveId = Long.MIN_VALUE;
    private long mergedRecordingId = Long.MIN_VALUE;
    private TimeIndex mergedIndex;
    private RelayCheckpoint checkpoint;
    private final List<String> resumed = new ArrayList<>();

    private Relay(final Context ctx)
    {
        this.ctx = ctx;
        errorLog = ProcessErrorLog.create(ctx.aeronDirectoryName(), "relay");
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())
            .errorHandler(errorLog.errorHandler(System.err, "relay aeron client", null)));
        try
        {
            merged = aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, ctx.mergedStreamId());
            // Subscribe before recording, so the relay never misses what the Archive records of a fresh stream.
            final List<io.aeron.Subscription> live = new ArrayList<>();
            for (final Exchange exchange : ctx.exchanges())
            {
                live.add(aeron.addSubscription(ctx.inputChannel(), streamId(exchange)));
            }
            final long[] lastForwarded = new long[8];
            final boolean[] resumable = new boolean[8];
            if (ctx.record())
            {
                // One archive client for everything done at start: recordings, then the checkpoint.
                try (AeronArchive archive = AeronArchive.connect(PulseMediaDriver.archiveClientContext(
                    ctx.aeronDirectoryName()).aeron(aeron).ownsAeronClient(false)))
                {
                    ensureRecordings(archive);
                    checkpoint = RelayCheckpoint.open(ctx.checkpointFile());
                    if (checkpoint.existed())
                    {
                        validateCheckpoint(archive, checkpoint, resumable);
                        lastForwarded(archive, checkpoint, lastForwarded);
                    }
                }
            }

            final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
            final List<ExchangeInput> inputs = new ArrayList<>();
            for (final Exchange exchange : ctx.exchanges())
            {
                final String label = ": exchange=" + exchange;
                final boolean resume = resumable[exchange.value()];
                // Resuming reads every recording of the stream made since the checkpoint (a collector may have
                // restarted while the relay was down), then follows the live one.
                final ExchangeInput.Poller poller = resume ?
                    new RecordingChainPoller(
                        aeron,
                        ctx.aeronDirectoryName(),
                        ctx.inputChannel(),
                        streamId(exchange),
                        RESUME_REPLAY_STREAM_BASE + exchange.value(),
                        checkpoint.recordingId(exchange),
                        checkpoint.position(exchange)) :
                    ExchangeInput.Poller.of(live.get(ctx.exchanges().indexOf(exchange)));
                if (resume)
                {
                    live.get(ctx.exchanges().indexOf(exchange)).close();
                    resumed.add(exchange + " from recording " + checkpoint.recordingId(exchange) + " position " +
                        checkpoint.position(exchange) + " after sequence " + lastForwarded[exchange.value()]);
                }
                inputs.add(new ExchangeInput(
                    exchange,
                    poller,
                    merged,
                    clock,
                    new ExchangeInput.Counters(
                        counter(RelayCounterTypes.MESSAGES, "relay messages" + label),
                        counter(RelayCounterTypes.GAPS, "relay gaps" + label),
                        counter(RelayCounterTypes.MISSING, "relay missing messages" + label),
                        counter(RelayCounterTypes.LAST_SEQUENCE, "relay last sequence" + label),
                        counter(RelayCounterTypes.LAG_NS, "relay lag ns" + label),
                        counter(RelayCounterTypes.BACK_PRESSURE, "relay back-pressure" + label),
                        counter(RelayCounterTypes.REJECTED, "relay rejected" + label),
                        counter(RelayCounterTypes.DUPLICATES, "relay duplicates" + label),
                        counter(RelayCounterTypes.SESSIONS, "relay collector sessions" + label))));
            }
            if (ctx.record())
            {
                mergedRecordingId = awaitRecordingId(merged.sessionId());
                mergedIndex = TimeIndex.open(ctx.indexDir(), mergedRecordingId, ctx.indexIntervalNs(), 1 << 20);
                final org.agrona.concurrent.status.CountersReader countersReader = aeron.countersReader();
                for (final ExchangeInput input : inputs)
                {
                    input.mergedIndex(mergedIndex);
                    input.collectorIndex(ctx.indexDir(), ctx.indexIntervalNs());
                    input.checkpoint(checkpoint, (sessionId) ->
                    {
                        final int counterId = io.aeron.archive.status.RecordingPos.findCounterIdBySession(
                            countersReader, sessionId, archiveId);
                        return org.agrona.concurrent.status.CountersReader.NULL_COUNTER_ID == counterId ?
                            Long.MIN_VALUE : io.aeron.archive.status.RecordingPos.getRecordingId(countersReader,
                            counterId);
                    }, mergedRecordingId);
                    if (resumable[input.exchange().value()])
                    {
                        input.resume(checkpoint.recordingId(input.exchange()),
                            lastForwarded[input.exchange().value()]);
                    }
                }
            }
            agent = new RelayAgent(inputs, ctx.fragmentLimit(),
                counter(RelayCounterTypes.MAX_CYCLE_TIME_NS, "relay max cycle time ns"));
            final AtomicCounter errorCounter = counter(RelayCounterTypes.ERRORS, "relay errors");
            runner = new AgentRunner(ctx.profile().agentIdleStrategy(),
                errorLog.errorHandler(System.err, "relay", null), errorCounter, agent);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * The collector stream of an exchange.
     *
     * @param exchange exchange.
     * @return stream id.
     */
    public static int streamId(final Exchange exchange)
    {
        return switch (exchange)
        {
            case KRAKEN -> StreamIds.COLLECTOR_KRAKEN;
            case COINBASE -> StreamIds.COLLECTOR_COINBASE;
            case BINANCE -> StreamIds.COLLECTOR_BINANCE;
            default -> throw new IllegalArgumentException("no collector stream for " + exchange);
        };
    }

    /**
     * Start recording every collector stream and the merged stream unless the Archive records them already (a
     * restarted relay leaves running recordings alone). Each new publication session (a collector or relay
     * restart) becomes a new recording, so nothing is ever overwritten or silently lost.
     */
    private void ensureRecordings(final AeronArchive archive)
    {
        archiveId = archive.archiveId();
        final List<Integer> streams = new ArrayList<>();
        for (final Exchange exchange : ctx.exchanges())
        {
            streams.add(streamId(exchange));
        }
        streams.add(ctx.mergedStreamId());

        for (final int streamId : streams)
        {
            final int[] active = {0};
            // Collector streams arrive on the input channel (IPC, or UDP from collectors on other hosts: then the
            // Archive subscribes to that channel itself, a remote source); the merged stream is always local IPC.
            final String channel = streamId == ctx.mergedStreamId() ? StreamIds.MERGED_CHANNEL : ctx.inputChannel();
            final SourceLocation location = channel.startsWith("aeron:ipc") ?
                SourceLocation.LOCAL : SourceLocation.REMOTE;
            archive.listRecordingSubscriptions(0, 1024, channel, streamId, true,
                (controlSessionId, correlationId, subscriptionId, stream, subscribed) -> active[0]++);
            if (0 == active[0])
            {
                archive.startRecording(channel, streamId, location);
                recordings.add(channel + " stream " + streamId + " (started)");
            }
            else
            {
                recordings.add(channel + " stream " + streamId + " (already recording)");
            }
        }
    }

    private static final int RESUME_REPLAY_STREAM_BASE = 3100;
    private static final int SCAN_REPLAY_STREAM = 3199;
    private static final long SETTLE_NS = 500_000_000L;

    /**
     * A checkpoint is only trusted where this Archive holds its recording, of the right stream, reaching at least its
     * position; anything else (a checkpoint from another archive directory, a deleted recording) is said clearly and
     * that exchange starts from the live stream.
     */
    private void validateCheckpoint(
        final AeronArchive archive, final RelayCheckpoint checkpoint, final boolean[] resumable)
    {
        for (final Exchange exchange : ctx.exchanges())
        {
            if (!checkpoint.hasPosition(exchange))
            {
                continue;
            }
            final long recordingId = checkpoint.recordingId(exchange);
            final long position = checkpoint.position(exchange);
            final long[] found = streamAndEnd(archive, recordingId);
            if (null != found && found[0] == streamId(exchange) && found[1] >= position)
            {
                resumable[exchange.value()] = true;
            }
            else
            {
                System.err.println("relay: checkpoint " + ctx.checkpointFile() + " names recording " +
                    recordingId + " at position " + position + " for " + exchange + ", " +
                    checkpointMismatch(found, streamId(exchange)) + "; " + exchange + " starts from the live stream");
            }
        }
    }

    /**
     * Why a checkpoint's recording cannot be resumed, in words an operator can act on.
     *
     * @param found    the recording's stream id and end position, or null if this archive does not have it.
     * @param streamId the stream the checkpoint's exchange is published on.
     * @return the reason, without a leading capital or a final full stop.
     */
    static String checkpointMismatch(final long[] found, final int streamId)
    {
        if (null == found)
        {
            return "which this archive does not have (a checkpoint from another archive directory, " +
                "or a deleted recording?)";
        }
        if (found[0] != streamId)
        {
            return "which this archive holds for stream " + found[0] + ", not " + streamId +
                " (a checkpoint from another archive directory?)";
        }
        return "which this archive holds only up to " + found[1] + ": its tail was not recorded (the media driver " +
            "stopped before its archive wrote it; the relay had already forwarded that tail live)";
    }

    /**
     * What the earlier run really forwarded: the checkpoint's sequences, raised by whatever the old merged recording
     * holds past the checkpoint (a message forwarded just before the crash, before its checkpoint write).
     */
    private void lastForwarded(
        final AeronArchive archive, final RelayCheckpoint checkpoint, final long[] lastForwarded)
    {
        for (final Exchange exchange : ctx.exchanges())
        {
            lastForwarded[exchange.value()] = checkpoint.hasPosition(exchange) ?
                checkpoint.lastSequence(exchange) : Long.MIN_VALUE;
        }
        final long recordingId = checkpoint.mergedRecordingId();
        final long from = checkpoint.mergedPosition();
        if (recordingId < 0 || from <= 0)
        {
            return;
        }
        final long[] merged = streamAndEnd(archive, recordingId);
        if (null == merged || merged[0] != ctx.mergedStreamId())
        {
            return;
        }
        final long end = settledPosition(archive, recordingId);
        if (end <= from)
        {
            return;
        }
        final io.alphapulse.schemas.MarketDataReader reader = new io.alphapulse.schemas.MarketDataReader(
            new MergedScan(lastForwarded));
        try (io.aeron.Subscription replay = archive.replay(recordingId, from, end - from, "aeron:ipc",
            SCAN_REPLAY_STREAM))
        {
            final io.aeron.FragmentAssembler assembler = new io.aeron.FragmentAssembler(
                (buffer, offset, length, header) -> reader.read(buffer, offset, length));
            final long deadlineNs = System.nanoTime() + 30_000_000_000L;
            while (replay.imageCount() == 0 || replay.imageAtIndex(0).position() < end)
            {
                if (0 == replay.poll(assembler, 256))
                {
                    if (System.nanoTime() - deadlineNs >= 0)
                    {
                        throw new IllegalStateException("could not read the merged recording " + recordingId +
                            " from " + from + " to " + end + " within 30 s");
                    }
                    Thread.yield();
                }
            }
        }
    }

    /**
     * A recording's stream id and how far it reaches (its stop position, or its current position while recording),
     * or null when this archive does not have it.
     */
    private static long[] streamAndEnd(final AeronArchive archive, final long recordingId)
    {
        final long[] found = {Long.MIN_VALUE, Long.MIN_VALUE};
        final int count = archive.listRecording(recordingId,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
            originalChannel, sourceIdentity) ->
            {
                found[0] = streamId;
                found[1] = stopPosition;
            });
        if (1 != count)
        {
            return null;
        }
        if (AeronArchive.NULL_POSITION == found[1])
        {
            // Still recording (asked after the callback: the archive client is not re-entrant).
            found[1] = archive.getRecordingPosition(recordingId);
        }
        return found;
    }

    private static long settledPosition(final AeronArchive archive, final long recordingId)
    {
        long last = Long.MIN_VALUE;
        long stableSinceNs = System.nanoTime();
        final long deadlineNs = stableSinceNs + 15_000_000_000L;
        while (true)
        {
            final long recording = archive.getRecordingPosition(recordingId);
            final long position = AeronArchive.NULL_POSITION == recording ? archive.getStopPosition(recordingId) :
                recording;
            if (AeronArchive.NULL_POSITION == recording || System.nanoTime() - deadlineNs >= 0)
            {
                return position;
            }
            if (position != last)
            {
                last = position;
                stableSinceNs = System.nanoTime();
            }
            else if (System.nanoTime() - stableSinceNs >= SETTLE_NS)
            {
                return position;
            }
            Thread.yield();
        }
    }

    /**
     * Raises each exchange's last forwarded sequence by what the merged recording holds.
     */
    private static final class MergedScan implements io.alphapulse.schemas.MarketDataReader.Listener
    {
        private final long[] lastForwarded;

        MergedScan(final long[] lastForwarded)
        {
            this.lastForwarded = lastForwarded;
        }

        private void seen(final Exchange exchange, final long sequence)
        {
            final long last = lastForwarded[exchange.value()];
            if (Long.MIN_VALUE != last)
            {
                lastForwarded[exchange.value()] = Math.max(last, SequenceTracker.extend(last, sequence));
            }
        }

        public void onTrade(final io.alphapulse.schemas.marketdata.TradeDecoder trade)
        {
            seen(trade.exchange(), trade.sequence());
        }

        public void onTopOfBook(final io.alphapulse.schemas.marketdata.TopOfBookDecoder top)
        {
            seen(top.exchange(), top.sequence());
        }

        public void onBookSnapshot(final io.alphapulse.schemas.marketdata.BookSnapshotDecoder snapshot)
        {
            seen(snapshot.exchange(), snapshot.sequence());
        }

        public void onBookUpdate(final io.alphapulse.schemas.marketdata.BookUpdateDecoder update)
        {
            seen(update.exchange(), update.sequence());
        }

        public void onInstrumentDefinition(final io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder d)
        {
            seen(d.exchange(), d.sequence());
        }

        public void onFeedEvent(final io.alphapulse.schemas.marketdata.FeedEventDecoder event)
        {
            if (io.alphapulse.schemas.marketdata.EventOrigin.RELAY != event.origin())
            {
                seen(event.exchange(), event.sequence());
            }
        }

        public void onHeartbeat(final io.alphapulse.schemas.marketdata.HeartbeatDecoder heartbeat)
        {
            seen(heartbeat.exchange(), heartbeat.sequence());
        }
    }

    private long awaitRecordingId(final int sessionId)
    {
        final org.agrona.concurrent.status.CountersReader counters = aeron.countersReader();
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        int counterId;
        while (org.agrona.concurrent.status.CountersReader.NULL_COUNTER_ID ==
            (counterId = io.aeron.archive.status.RecordingPos.findCounterIdBySession(counters, sessionId, archiveId)))
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("the archive did not start recording the merged stream within 10 s");
            }
            Thread.yield();
        }
        return io.aeron.archive.status.RecordingPos.getRecordingId(counters, counterId);
    }

    /**
     * Recording id of the merged stream this relay publishes, or {@code Long.MIN_VALUE} when not recording.
     *
     * @return recording id.
     */
    public long mergedRecordingId()
    {
        return mergedRecordingId;
    }

    private AtomicCounter counter(final int typeId, final String label)
    {
        final AtomicCounter counter = aeron.addCounter(typeId, label);
        counters.add(counter);
        return counter;
    }

    /**
     * Start a relay on its own thread.
     *
     * @param ctx settings; concluded here.
     * @return the running relay.
     */
    public static Relay launch(final Context ctx)
    {
        ctx.conclude();
        final Relay relay = new Relay(ctx);
        AgentRunner.startOnThread(relay.runner);
        return relay;
    }

    /**
     * The effective configuration, as printed at start.
     *
     * @return one setting per line.
     */
    public String describe()
    {
        final StringBuilder inputs = new StringBuilder();
        for (final Exchange exchange : ctx.exchanges())
        {
            inputs.append(exchange).append(" stream ").append(streamId(exchange)).append("  ");
        }
        return "relay" + System.lineSeparator() +
            "  inputs          " + ctx.inputChannel() + " " + inputs.toString().trim() + System.lineSeparator() +
            "  merged          " + StreamIds.MERGED_CHANNEL + " stream " + ctx.mergedStreamId() +
            " (untethered consumers: " + StreamIds.MERGED_UNTETHERED_CHANNEL + ")" + System.lineSeparator() +
            "  recordings      " + (ctx.record() ? String.join(", ", recordings) : "off") + System.lineSeparator() +
            "  time index      " + (ctx.record() ? TimeIndex.file(ctx.indexDir(), mergedRecordingId) : "off") +
            System.lineSeparator() +
            "  checkpoint      " + (ctx.record() ? ctx.checkpointFile() : "off") +
            (resumed.isEmpty() ? "" : "; resumed " + String.join("; ", resumed)) + System.lineSeparator() +
            "  aeron dir       " + ctx.aeronDirectoryName() + System.lineSeparator() +
            "  profile         " + ctx.profile();
    }

    /**
     * The agent's inputs, for tests and statistics.
     *
     * @return the agent.
     */
    RelayAgent agent()
    {
        return agent;
    }

    /**
     * Stop the agent, then release the publication, counters and client.
     */
    public void close()
    {
        CloseHelper.close(runner);
        CloseHelper.close(mergedIndex);
        CloseHelper.close(checkpoint);
        CloseHelper.closeAll(counters);
        CloseHelper.close(merged);
        CloseHelper.close(aeron);
        CloseHelper.close(errorLog);
    }

    /**
     * Print the configuration and run until SIGINT or SIGTERM.
     *
     * @param ctx settings.
     * @param out where to print.
     */
    public static void runUntilShutdown(final Context ctx, final PrintStream out)
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Relay relay = launch(ctx))
        {
            out.println(relay.describe());
            out.println("running; Ctrl-C to stop");
            out.flush();
            barrier.await();
            final StringBuilder summary = new StringBuilder("stopping:");
            for (final ExchangeInput input : relay.agent().inputs())
            {
                summary.append(' ').append(input.exchange()).append(' ').append(input.messages())
                    .append(" messages, ").append(input.gaps()).append(" gaps (").append(input.missing())
                    .append(" missing), ").append(input.rejected()).append(" rejected;");
            }
            out.println(summary);
        }
    }

    /**
     * Settings of the relay.
     */
    public static final class Context
    {
        private String aeronDirectoryName;
        private List<Exchange> exchanges = List.of(Exchange.KRAKEN, Exchange.COINBASE, Exchange.BINANCE);
        private int mergedStreamId = StreamIds.MERGED;
        private String inputChannel = StreamIds.COLLECTOR_CHANNEL;
        private Profile profile;
        private boolean record = true;
        private int fragmentLimit = 64;
        private java.nio.file.Path indexDir = java.nio.file.Path.of("var", "index");
        private java.nio.file.Path checkpointFile = java.nio.file.Path.of("var", "relay", "checkpoint.dat");
        private long indexIntervalNs = 100_000_000L;
        private boolean concluded;

        /**
         * Validate and fill in defaults.
         *
         * @return this for a fluent API.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = MediaDriverConfiguration.aeronDirectoryName();
            }
            if (null == profile)
            {
                profile = MediaDriverConfiguration.profile();
            }
            if (exchanges.isEmpty())
            {
                throw new IllegalArgumentException("no exchanges: use --exchanges kraken,coinbase,binance");
            }
            if (fragmentLimit <= 0)
            {
                throw new IllegalArgumentException("fragment limit must be positive, got " + fragmentLimit);
            }
            if (null == inputChannel || !inputChannel.startsWith("aeron:"))
            {
                throw new IllegalArgumentException("input channel '" + inputChannel + "' is not an Aeron channel " +
                    "URI, e.g. aeron:ipc or aeron:udp?endpoint=10.0.0.2:20121");
            }
            concluded = true;
            return this;
        }

        /**
         * Aeron directory.
         *
         * @return Aeron directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Aeron directory.
         *
         * @param aeronDirectoryName Aeron directory.
         * @return this for a fluent API.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * Exchanges to merge.
         *
         * @return exchanges.
         */
        public List<Exchange> exchanges()
        {
            return exchanges;
        }

        /**
         * Exchanges to merge.
         *
         * @param exchanges exchanges.
         * @return this for a fluent API.
         */
        public Context exchanges(final List<Exchange> exchanges)
        {
            this.exchanges = List.copyOf(exchanges);
            return this;
        }

        /**
         * Channel of the collector streams: {@code aeron:ipc} on one host, or a UDP channel such as
         * {@code aeron:udp?endpoint=10.0.0.2:20121} (this host's address) when collectors publish from other hosts.
         *
         * @return input channel.
         */
        public String inputChannel()
        {
            return inputChannel;
        }

        /**
         * Channel of the collector streams.
         *
         * @param inputChannel an Aeron channel URI.
         * @return this for a fluent API.
         */
        public Context inputChannel(final String inputChannel)
        {
            this.inputChannel = inputChannel;
            return this;
        }

        /**
         * Merged stream id.
         *
         * @return stream id.
         */
        public int mergedStreamId()
        {
            return mergedStreamId;
        }

        /**
         * Profile.
         *
         * @return profile.
         */
        public Profile profile()
        {
            return profile;
        }

        /**
         * Profile.
         *
         * @param profile profile.
         * @return this for a fluent API.
         */
        public Context profile(final Profile profile)
        {
            this.profile = profile;
            return this;
        }

        /**
         * Whether to ensure Archive recordings.
         *
         * @return true to record.
         */
        public boolean record()
        {
            return record;
        }

        /**
         * Whether to ensure Archive recordings.
         *
         * @param record true to record.
         * @return this for a fluent API.
         */
        public Context record(final boolean record)
        {
            this.record = record;
            return this;
        }

        /**
         * Folder of time index files.
         *
         * @return index folder.
         */
        public java.nio.file.Path indexDir()
        {
            return indexDir;
        }

        /**
         * Folder of time index files.
         *
         * @param indexDir index folder.
         * @return this for a fluent API.
         */
        public Context indexDir(final java.nio.file.Path indexDir)
        {
            this.indexDir = indexDir;
            return this;
        }

        /**
         * The checkpoint file that lets a restarted relay resume where the last one stopped.
         *
         * @return checkpoint file.
         */
        public java.nio.file.Path checkpointFile()
        {
            return checkpointFile;
        }

        /**
         * The checkpoint file.
         *
         * @param checkpointFile checkpoint file.
         * @return this for a fluent API.
         */
        public Context checkpointFile(final java.nio.file.Path checkpointFile)
        {
            this.checkpointFile = checkpointFile;
            return this;
        }

        /**
         * Time between index entries.
         *
         * @return ns.
         */
        public long indexIntervalNs()
        {
            return indexIntervalNs;
        }

        /**
         * Time between index entries.
         *
         * @param indexIntervalNs ns.
         * @return this for a fluent API.
         */
        public Context indexIntervalNs(final long indexIntervalNs)
        {
            this.indexIntervalNs = indexIntervalNs;
            return this;
        }

        /**
         * Fragments per stream per duty cycle.
         *
         * @return fragment limit.
         */
        public int fragmentLimit()
        {
            return fragmentLimit;
        }
    }
}
