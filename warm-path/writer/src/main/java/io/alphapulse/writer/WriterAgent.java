/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.alphapulse.driver.RecordingChain;
import io.alphapulse.driver.WriterCounterTypes;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.sql.MarketDataMaintenance;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The writer's duty cycle: read the merged stream from the Archive (each recording in turn, following the active
 * one live), turn messages into rows, and commit them in batches with the watermark. On a database error it pauses
 * (no more replay polling: the Archive holds the data), retries with backoff, and resumes from exactly where the
 * database says it is. Blocking JDBC calls run on this agent's own thread (warm path).
 */
public final class WriterAgent implements Agent, FragmentHandler
{
    private static final long CHAIN_CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long LAG_CHECK_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long REPLAY_START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int MAINTENANCE_AHEAD_DAYS = 2;

    private final Writer.Context ctx;
    private final AeronArchive archive;
    private final DatabaseSink sink;
    private final MarketDataRows rows;
    private final MarketDataReader reader;
    private final FragmentAssembler assembler;
    private final NanoClock clock;
    private final EpochNanoClock epochClock;
    private final PrintStream out;
    private final Counter tradeRows;
    private final Counter topOfBookRows;
    private final Counter bookSnapshotRows;
    private final Counter feedEventRows;
    private final Counter batches;
    private final Counter dbErrors;
    private final Counter outageState;
    private final Counter outages;
    private final Counter lagBytes;
    private final Counter lagNs;
    private final Counter recordingIdCounter;
    private final Counter committedPositionCounter;
    private final Counter skippedCounter;

    private boolean started;
    private boolean outage;
    private boolean abandoned;
    private long outageStartNs;
    private int outageAttempts;
    private long backoffNs;
    private long nextRetryNs;
    private long nextChainCheckNs;
    private long nextLagCheckNs;
    private long nextMaintenanceNs;
    private long nowNs;

    private RecordingChain.Recording recording;
    private DatabaseSink.Watermark startWatermark;
    private Subscription replay;
    private Image image;
    private long replayOpenedNs;
    private long position;
    private long committedRecordingId = -1;
    private long committedPosition = -1;
    private long committedReceiveTimeNs;
    private boolean batchOpen;
    private long batchStartNs;
    private long reportedSkipped;
    private boolean reportedNoRecording;
    private long reportedRecordingId = Long.MIN_VALUE;
    private long replaysReopened;
    private boolean reportedInvalid;

    WriterAgent(final Writer.Context ctx, final AeronArchive archive, final DatabaseSink sink, final PrintStream out)
    {
        this.ctx = ctx;
        this.archive = archive;
        this.sink = sink;
        this.out = out;
        this.clock = ctx.nanoClock();
        this.epochClock = ctx.epochNanoClock();
        this.rows = new MarketDataRows(ctx.snapshotIntervalNs(), ctx.snapshotDepth());
        this.reader = new MarketDataReader(rows);
        this.assembler = new FragmentAssembler(this);

        final Aeron aeron = archive.context().aeron();
        final String suffix = ": writer=" + ctx.writerName() + " stream=" + ctx.streamId();
        tradeRows = aeron.addCounter(WriterCounterTypes.ROWS, "writer rows: table=trades" + suffix);
        topOfBookRows = aeron.addCounter(WriterCounterTypes.ROWS, "writer rows: table=top_of_book" + suffix);
        bookSnapshotRows = aeron.addCounter(WriterCounterTypes.ROWS, "writer rows: table=book_snapshots" + suffix);
        feedEventRows = aeron.addCounter(WriterCounterTypes.ROWS, "writer rows: table=feed_events" + suffix);
        batches = aeron.addCounter(WriterCounterTypes.BATCHES, "writer batches" + suffix);
        dbErrors = aeron.addCounter(WriterCounterTypes.DB_ERRORS, "writer db errors" + suffix);
        outageState = aeron.addCounter(WriterCounterTypes.OUTAGE, "writer db outage (1 = paused)" + suffix);
        outages = aeron.addCounter(WriterCounterTypes.OUTAGES, "writer db outages" + suffix);
        lagBytes = aeron.addCounter(WriterCounterTypes.LAG_BYTES, "writer lag bytes" + suffix);
        lagNs = aeron.addCounter(WriterCounterTypes.LAG_NS, "writer lag ns" + suffix);
        recordingIdCounter = aeron.addCounter(WriterCounterTypes.RECORDING_ID, "writer recording id" + suffix);
        committedPositionCounter = aeron.addCounter(WriterCounterTypes.COMMITTED_POSITION,
            "writer committed position" + suffix);
        skippedCounter = aeron.addCounter(WriterCounterTypes.SKIPPED, "writer skipped messages" + suffix);
        recordingIdCounter.setRelease(-1);
    }

    /**
     * Role name.
     *
     * @return role name.
     */
    public String roleName()
    {
        return "writer-" + ctx.writerName();
    }

    /**
     * One duty cycle.
     *
     * @return work done; 0 when idle or paused.
     */
    public int doWork()
    {
        nowNs = clock.nanoTime();
        int work = 0;
        if (nowNs - nextLagCheckNs >= 0)
        {
            nextLagCheckNs = nowNs + LAG_CHECK_INTERVAL_NS;
            updateLag();
        }
        if (!sink.isConnected())
        {
            return work + connect();
        }
        if (nowNs - nextMaintenanceNs >= 0)
        {
            nextMaintenanceNs = nowNs + ctx.maintenanceIntervalNs();
            work += maintain();
            if (!sink.isConnected())
            {
                return work;
            }
        }
        if (null == replay)
        {
            return work + openReplay();
        }

        final int fragments = replay.poll(assembler, ctx.fragmentLimit());
        work += fragments;
        if (rows.skipped() + reader.rejectedCount() != reportedSkipped)
        {
            reportSkipped();
        }

        if (rows.rowCount() >= ctx.batchRows() || rows.byteCount() >= ctx.batchBytes() ||
            (batchOpen && nowNs - batchStartNs >= ctx.lingerNs()))
        {
            work += flush() ? 1 : 0;
        }
        else if (0 == fragments && replayEnded())
        {
            work += onReplayEnded();
        }
        return work;
    }

    /**
     * One complete message from the replay.
     */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (!batchOpen)
        {
            batchOpen = true;
            batchStartNs = nowNs;
        }
        reader.read(buffer, offset, length);
        position = header.position();
    }

    /**
     * Flush what is pending unless abandoned (a simulated crash), then close the replay.
     */
    public void onClose()
    {
        if (!abandoned && sink.isConnected() && batchOpen)
        {
            flush();
        }
        CloseHelper.quietClose(replay);
        replay = null;
        sink.close();
        CloseHelper.quietCloseAll(tradeRows, topOfBookRows, bookSnapshotRows, feedEventRows, batches, dbErrors,
            outageState, outages, lagBytes, lagNs, recordingIdCounter, committedPositionCounter, skippedCounter);
    }

    void abandon()
    {
        abandoned = true;
    }

    /**
     * Whether the writer is paused by a database outage.
     *
     * @return true while paused.
     */
    public boolean isPaused()
    {
        return outage;
    }

    /**
     * Recording of the last commit, or -1.
     *
     * @return recording id.
     */
    public long committedRecordingId()
    {
        return committedRecordingId;
    }

    /**
     * Position of the last commit, or -1.
     *
     * @return position.
     */
    public long committedPosition()
    {
        return committedPosition;
    }

    /**
     * Database outages seen.
     *
     * @return outages.
     */
    public long outages()
    {
        return outages.get();
    }

    /**
     * Database errors seen.
     *
     * @return errors.
     */
    public long dbErrors()
    {
        return dbErrors.get();
    }

    /**
     * Batches committed.
     *
     * @return batches.
     */
    public long batches()
    {
        return batches.get();
    }

    /**
     * Rows committed, all tables.
     *
     * @return rows.
     */
    public long rowsCommitted()
    {
        return tradeRows.get() + topOfBookRows.get() + bookSnapshotRows.get() + feedEventRows.get();
    }

    /**
     * Messages skipped (invalid, or no instrument definition).
     *
     * @return skipped messages.
     */
    public long skipped()
    {
        return rows.skipped() + reader.rejectedCount();
    }

    private int connect()
    {
        if (nowNs - nextRetryNs < 0)
        {
            return 0;
        }
        try
        {
            sink.connect();
            final DatabaseSink.Watermark watermark = sink.readWatermark();
            if (!started)
            {
                for (final Instrument instrument : sink.loadInstruments())
                {
                    rows.define(instrument, Exchange.valueOf(instrument.exchange()).value());
                }
                startWatermark = watermark;
                if (null != watermark)
                {
                    committedRecordingId = watermark.recordingId();
                    committedPosition = watermark.position();
                    committedPositionCounter.setRelease(committedPosition);
                }
                started = true;
            }
            else if (batchOpen || rows.hasRows())
            {
                settlePendingBatch(watermark);
            }
            if (outage)
            {
                out.println("writer: database back after " + formatSeconds(nowNs - outageStartNs) + " (" +
                    outageAttempts + " attempts); catching up from recording " + committedRecordingId +
                    " position " + committedPosition);
                out.flush();
                outage = false;
                outageState.setRelease(0);
            }
            backoffNs = 0;
            nextMaintenanceNs = nowNs;
            return 1;
        }
        catch (final SQLException ex)
        {
            enterOutage(ex);
            return 0;
        }
    }

    /**
     * After a failure the pending batch either committed (its commit was acknowledged to the server but the
     * connection broke before we heard) or not: the database's watermark says which. Nothing is sent twice.
     */
    private void settlePendingBatch(final DatabaseSink.Watermark watermark) throws SQLException
    {
        if (null != watermark && watermark.recordingId() == recording.recordingId() &&
            watermark.position() == position)
        {
            committed(recording.recordingId(), position);
            return;
        }
        final boolean atCommitted = null == watermark ? committedRecordingId < 0 :
            watermark.recordingId() == committedRecordingId && watermark.position() == committedPosition;
        if (!atCommitted)
        {
            throw new IllegalStateException("writer_watermarks of writer '" + ctx.writerName() + "' moved to " +
                watermark + " while this writer was at recording " + committedRecordingId + " position " +
                committedPosition + ": is another writer of the same name running?");
        }
        sink.commit(rows, recording.recordingId(), position);
        committed(recording.recordingId(), position);
    }

    private boolean flush()
    {
        if (!batchOpen && !rows.hasRows())
        {
            return false;
        }
        try
        {
            sink.commit(rows, recording.recordingId(), position);
            committed(recording.recordingId(), position);
            return true;
        }
        catch (final SQLException ex)
        {
            enterOutage(ex);
            return false;
        }
    }

    private void committed(final long recordingId, final long committedTo)
    {
        tradeRows.getAndAddRelease(rows.trades.rowCount());
        topOfBookRows.getAndAddRelease(rows.topOfBook.rowCount());
        bookSnapshotRows.getAndAddRelease(rows.bookSnapshots.rowCount());
        feedEventRows.getAndAddRelease(rows.feedEvents.rowCount());
        batches.incrementRelease();
        committedRecordingId = recordingId;
        committedPosition = committedTo;
        committedReceiveTimeNs = rows.lastReceiveTimeNs();
        committedPositionCounter.setRelease(committedTo);
        rows.reset();
        batchOpen = false;
    }

    private void enterOutage(final SQLException ex)
    {
        sink.disconnect();
        dbErrors.incrementRelease();
        outageAttempts++;
        if (!outage)
        {
            outage = true;
            outageStartNs = nowNs;
            outageAttempts = 1;
            outages.incrementRelease();
            outageState.setRelease(1);
            out.println("writer: database unavailable (" + ex.getMessage() + "); paused at recording " +
                committedRecordingId + " position " + committedPosition + " with " + rows.rowCount() +
                " rows pending, the Archive keeps the data; retrying with backoff up to " +
                formatSeconds(ctx.retryBackoffMaxNs()));
            out.flush();
        }
        backoffNs = Math.min(ctx.retryBackoffMaxNs(), Math.max(ctx.retryBackoffMinNs(), backoffNs * 2));
        nextRetryNs = nowNs + backoffNs;
    }

    private int maintain()
    {
        try
        {
            final MarketDataMaintenance.Report report = sink.maintain(MAINTENANCE_AHEAD_DAYS);
            if (!report.partitionsDropped().isEmpty())
            {
                out.println("writer: maintenance dropped " + report.partitionsDropped().size() +
                    " partitions past the retention: " + report.partitionsDropped());
            }
            return 1;
        }
        catch (final SQLException ex)
        {
            enterOutage(ex);
            return 0;
        }
    }

    private int openReplay()
    {
        if (nowNs - nextChainCheckNs < 0)
        {
            return 0;
        }
        nextChainCheckNs = nowNs + CHAIN_CHECK_INTERVAL_NS;
        final RecordingChain chain = RecordingChain.list(archive, ctx.channel(), ctx.streamId());
        RecordingChain.Recording candidate;
        if (null == recording)
        {
            if (null == startWatermark)
            {
                candidate = chain.first();
                if (null != candidate)
                {
                    position = candidate.startPosition();
                }
            }
            else
            {
                candidate = chain.find(startWatermark.recordingId());
                position = startWatermark.position();
                if (null == candidate)
                {
                    candidate = chain.next(startWatermark.recordingId());
                    if (null != candidate)
                    {
                        out.println("writer: the watermark's recording " + startWatermark.recordingId() +
                            " is not in the archive; continuing with the next recording " +
                            candidate.recordingId());
                        position = candidate.startPosition();
                    }
                }
            }
        }
        else
        {
            candidate = chain.find(recording.recordingId());
        }
        if (null == candidate)
        {
            if (!reportedNoRecording)
            {
                reportedNoRecording = true;
                out.println("writer: no recording of " + ctx.channel() + " stream " + ctx.streamId() +
                    " yet; waiting (the relay starts it)");
                out.flush();
            }
            return 0;
        }
        while (candidate.isFinishedAt(position))
        {
            final RecordingChain.Recording next = chain.next(candidate.recordingId());
            if (null == next)
            {
                recording = candidate;
                return 0;
            }
            // A batch never spans two recordings (its watermark names one): onReplayEnded flushed it.
            candidate = next;
            position = next.startPosition();
        }
        recording = candidate;
        final long length = candidate.isActive() ? AeronArchive.REPLAY_ALL_AND_FOLLOW :
            candidate.stopPosition() - position;
        if (reportedRecordingId != candidate.recordingId())
        {
            // Once per recording: where the writer reads, so an operator can tell a stuck writer from an idle one.
            reportedRecordingId = candidate.recordingId();
            out.println("writer: reading recording " + candidate.recordingId() + " from position " + position +
                (candidate.isActive() ? " and following it live" : " to its stop position " +
                candidate.stopPosition()) + (replaysReopened > 0 ? " (" + replaysReopened +
                " replays reopened so far)" : ""));
            out.flush();
        }
        else
        {
            replaysReopened++;
        }
        replay = archive.replay(candidate.recordingId(), position, length, ctx.replayChannel(),
            ctx.replayStreamId());
        image = null;
        replayOpenedNs = nowNs;
        recordingIdCounter.setRelease(candidate.recordingId());
        return 1;
    }

    private boolean replayEnded()
    {
        if (null == image)
        {
            if (replay.imageCount() > 0)
            {
                image = replay.imageAtIndex(0);
                return false;
            }
            return nowNs - replayOpenedNs - REPLAY_START_TIMEOUT_NS >= 0;
        }
        return image.isClosed() || image.isEndOfStream();
    }

    /**
     * The replay ended: at the end of a stopped recording (go on with the next one), or early (the archive closed
     * it: start again from where we are).
     */
    private int onReplayEnded()
    {
        if ((batchOpen || rows.hasRows()) && !flush())
        {
            return 0;
        }
        CloseHelper.quietClose(replay);
        replay = null;
        image = null;
        assembler.clear();
        nextChainCheckNs = nowNs;
        return 1;
    }

    private void updateLag()
    {
        if (null == recording)
        {
            return;
        }
        try
        {
            long recorded = archive.getRecordingPosition(recording.recordingId());
            if (AeronArchive.NULL_POSITION == recorded)
            {
                recorded = archive.getStopPosition(recording.recordingId());
            }
            final long from = committedRecordingId == recording.recordingId() ? committedPosition :
                recording.startPosition();
            final long behind = Math.max(0, recorded - from);
            lagBytes.setRelease(behind);
            lagNs.setRelease(0 == behind || 0 == committedReceiveTimeNs ? 0 :
                Math.max(0, epochClock.nanoTime() - committedReceiveTimeNs));
        }
        catch (final RuntimeException ex)
        {
            // The archive may be restarting; lag is informational and retried next second.
            lagNs.setRelease(-1);
        }
    }

    private void reportSkipped()
    {
        final long skipped = rows.skipped() + reader.rejectedCount();
        skippedCounter.setRelease(skipped);
        if (!reportedInvalid && reader.rejectedCount() > 0)
        {
            reportedInvalid = true;
            out.println("writer: skipped a message that failed validation (truncated " +
                reader.count(MarketDataReader.Result.TRUNCATED) + ", unknown schema " +
                reader.count(MarketDataReader.Result.UNKNOWN_SCHEMA) + ", unknown template " +
                reader.count(MarketDataReader.Result.UNKNOWN_TEMPLATE) + ", bad block length " +
                reader.count(MarketDataReader.Result.BAD_BLOCK_LENGTH) + "); further ones are only counted");
        }
        reportedSkipped = skipped;
    }

    private static String formatSeconds(final long ns)
    {
        return String.format("%.1f s", ns / 1e9);
    }
}
