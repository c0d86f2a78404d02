/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.writer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.support.BenchFiles;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.RecordingChain;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.MarketDataMaintenance;
import io.alphapulse.sql.Migrations;
import io.alphapulse.sql.PulseDatabase;
import io.alphapulse.writer.PgBinaryCopy;
import io.alphapulse.writer.Writer;
import org.agrona.concurrent.UnsafeBuffer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code pulse bench} stage {@code writer}: the writer's sustained rows/s into PostgreSQL, from an Archive recording
 * of the merged stream to committed rows, anchored on a raw binary COPY of the same rows from prepared buffers, in
 * the same batches, into the same table of the same server, in the same run (raw, writer, raw, writer; best of each).
 * <p>
 * Setup: an embedded media driver with Archive and an embedded PostgreSQL (plain path, daily partitions, BRIN) in a
 * temporary directory; N trades published onto the recorded merged stream before measuring. The writer's time runs
 * from its launch to the commit of the last row (archive connect, replay, decode, encode, COPY, commit with
 * watermark). Each run writes into an emptied {@code trades} table, and its row count is checked.
 */
public final class WriterStage implements BenchStage
{
    /**
     * Stage name, for {@code --only}.
     */
    public static final String NAME = "writer";

    private static final String ANCHOR = "raw binary COPY of the same rows from prepared buffers (same batches)";
    private static final int BATCH_ROWS = 50_000;
    private static final int KRAKEN_BTC = 1;
    private static final int PRICE_SCALE = 1;
    private static final int QUANTITY_SCALE = 8;

    /**
     * Stage name.
     *
     * @return name.
     */
    public String name()
    {
        return NAME;
    }

    /**
     * One line for {@code --list}.
     *
     * @return description.
     */
    public String description()
    {
        return "writer rows/s from the Archive into PostgreSQL (binary COPY, watermark per batch), anchored on a " +
            "raw binary COPY of the same rows";
    }

    /**
     * {@inheritDoc}
     */
    public String anchor()
    {
        return ANCHOR;
    }

    /**
     * Run the stage.
     *
     * @param quick    fewer rows.
     * @param progress where to report.
     * @return figures.
     * @throws Exception on failure.
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final int rowCount = quick ? 400_000 : 2_000_000;
        final Path dir = Files.createTempDirectory("alphapulse-bench-writer");
        try (PulseMediaDriver driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .archiveDirectoryName(dir.resolve("archive").toString()));
            AeronArchive archive = AeronArchive.connect(driver.archiveClientContext());
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("var"), 0, false))
        {
            Migrations.migrate(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 7);
            try (Connection connection = connect(postgres))
            {
                // The raw COPY needs today's partitions, which the writer would create on demand.
                MarketDataMaintenance.forDatabase(connection).run(connection, LocalDate.now(ZoneOffset.UTC), 2);
            }
            final long baseTimeNs = System.currentTimeMillis() * 1_000_000L;
            progress.println("  publishing " + rowCount + " trades into the recorded merged stream");
            publish(archive, rowCount, baseTimeNs);

            final List<byte[]> batches = prepareRawBatches(rowCount, baseTimeNs);
            double bestRaw = 0;
            double bestWriter = 0;
            for (int round = 0; round < 2; round++)
            {
                final double raw = rawCopy(postgres, batches, rowCount);
                progress.printf("  round %d: raw COPY %,.0f rows/s%n", round + 1, raw);
                final double writer = writer(driver, postgres, rowCount, "bench-" + round);
                progress.printf("  round %d: writer   %,.0f rows/s (ratio %.2f)%n", round + 1, writer, writer / raw);
                bestRaw = Math.max(bestRaw, raw);
                bestWriter = Math.max(bestWriter, writer);
            }
            final List<BenchResult> results = new ArrayList<>();
            results.add(new BenchResult(NAME, "writer sustained rows/s (" + rowCount + " trades, Archive to " +
                "committed rows)", bestWriter, "rows/s", ANCHOR, bestRaw));
            return results;
        }
        finally
        {
            BenchFiles.deleteRecursively(dir);
        }
    }

    private static void publish(final AeronArchive archive, final int rowCount, final long baseTimeNs)
    {
        final Aeron aeron = archive.context().aeron();
        archive.startRecording(StreamIds.MERGED_CHANNEL, StreamIds.MERGED, SourceLocation.LOCAL);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        try (ExclusivePublication publication = aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL,
            StreamIds.MERGED))
        {
            await(() -> !RecordingChain.list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED).isEmpty(),
                "recording to start");
            final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
            definition.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(
                InstrumentDefinitionEncoder.exchangeTimeNsNullValue()).receiveTimeNs(baseTimeNs)
                .publishTimeNs(baseTimeNs).sequence(0).instrumentId(KRAKEN_BTC).exchange(Exchange.KRAKEN)
                .priceScale((short)PRICE_SCALE).quantityScale((short)QUANTITY_SCALE).symbol("BTC-USD")
                .venueSymbol("XBT/USD");
            offer(publication, buffer, MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength());
            final TradeEncoder trade = new TradeEncoder();
            for (int i = 1; i <= rowCount; i++)
            {
                final long timeNs = baseTimeNs + i * 1_000L;
                trade.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(timeNs).receiveTimeNs(timeNs)
                    .publishTimeNs(timeNs).tradeId(i).price(price(i)).quantity(quantity(i)).sequence(i)
                    .instrumentId(KRAKEN_BTC).exchange(Exchange.KRAKEN)
                    .aggressorSide(0 == (i & 1) ? AggressorSide.BUY : AggressorSide.SELL);
                offer(publication, buffer, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
            }
        }
        await(() -> !RecordingChain.list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED).last().isActive(),
            "recording to stop");
    }

    /**
     * Exactly the rows the writer produces for those trades, in binary COPY format, batch by batch.
     */
    private static List<byte[]> prepareRawBatches(final int rowCount, final long baseTimeNs)
    {
        final List<byte[]> batches = new ArrayList<>();
        final PgBinaryCopy copy = new PgBinaryCopy(8 << 20);
        final byte[] kraken = "KRAKEN".getBytes(StandardCharsets.US_ASCII);
        final byte[] buy = "BUY".getBytes(StandardCharsets.US_ASCII);
        final byte[] sell = "SELL".getBytes(StandardCharsets.US_ASCII);
        for (int i = 1; i <= rowCount; i++)
        {
            final long timeNs = baseTimeNs + i * 1_000L;
            copy.row(9).timestamptz(timeNs).text(kraken).int4(KRAKEN_BTC).int8(i).numeric(price(i), PRICE_SCALE)
                .numeric(quantity(i), QUANTITY_SCALE).text(0 == (i & 1) ? buy : sell).int8(i).timestamptz(timeNs);
            if (copy.rowCount() == BATCH_ROWS || i == rowCount)
            {
                final int length = copy.finish();
                final byte[] batch = new byte[length];
                System.arraycopy(copy.array(), 0, batch, 0, length);
                batches.add(batch);
                copy.reset();
            }
        }
        return batches;
    }

    private static double rawCopy(final EmbeddedPostgresServer postgres, final List<byte[]> batches,
        final int rowCount) throws SQLException
    {
        try (Connection connection = connect(postgres))
        {
            truncate(connection);
            final CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            connection.setAutoCommit(false);
            final long startNs = System.nanoTime();
            for (final byte[] batch : batches)
            {
                final CopyIn copyIn = copyManager.copyIn("copy trades (time, exchange, instrument_id, trade_id, " +
                    "price, quantity, side, sequence, receive_time) from stdin (format binary)");
                copyIn.writeToCopy(batch, 0, batch.length);
                copyIn.endCopy();
                connection.commit();
            }
            final long elapsedNs = System.nanoTime() - startNs;
            connection.setAutoCommit(true);
            requireRows(connection, rowCount);
            return rowCount * 1e9 / elapsedNs;
        }
    }

    private static double writer(final PulseMediaDriver driver, final EmbeddedPostgresServer postgres,
        final int rowCount, final String name) throws SQLException
    {
        try (Connection connection = connect(postgres))
        {
            truncate(connection);
        }
        final long startNs = System.nanoTime();
        final long elapsedNs;
        try (Writer writer = Writer.launch(new Writer.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .dbUrl(postgres.jdbcUrl())
            .dbUser(DatabaseConfiguration.EMBEDDED_USER)
            .writerName(name)
            .batchRows(BATCH_ROWS), new PrintStream(PrintStream.nullOutputStream())))
        {
            await(() -> writer.agent().rowsCommitted() >= rowCount, "the writer to commit every row");
            elapsedNs = System.nanoTime() - startNs;
        }
        try (Connection connection = connect(postgres))
        {
            requireRows(connection, rowCount);
        }
        return rowCount * 1e9 / elapsedNs;
    }

    private static Connection connect(final EmbeddedPostgresServer postgres) throws SQLException
    {
        return PulseDatabase.connect(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null);
    }

    private static void truncate(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute("truncate trades");
            statement.execute("truncate candles_pending");
            statement.execute("checkpoint");
        }
    }

    private static void requireRows(final Connection connection, final long rowCount) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("select count(*), count(distinct sequence) from trades"))
        {
            rs.next();
            if (rs.getLong(1) != rowCount || rs.getLong(2) != rowCount)
            {
                throw new IllegalStateException("expected " + rowCount + " distinct trades, found " + rs.getLong(1) +
                    " rows, " + rs.getLong(2) + " distinct");
            }
        }
    }

    private static long price(final int i)
    {
        return 600_000 + i % 10_000;
    }

    private static long quantity(final int i)
    {
        return 1 + (i * 7L) % 100_000_000L;
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer buffer, final int length)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("could not publish onto the recorded stream within 30 s");
            }
            Thread.yield();
        }
    }

    private static void await(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
