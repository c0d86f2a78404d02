/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.RecordingChain;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.Migrations;
import io.alphapulse.sql.PulseDatabase;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer end to end: a real media driver and Archive recording the merged stream, SBE published onto it as the
 * relay does, a real (embedded) PostgreSQL. Rows must equal the messages published, exactly once, across publisher
 * restarts (new recordings), a 30 s database outage, and a writer crash.
 */
class WriterIT
{
    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private AeronArchive archive;
    private Aeron aeron;
    private EmbeddedPostgresServer postgres;
    private Writer writer;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        archive = AeronArchive.connect(driver.archiveClientContext());
        aeron = archive.context().aeron();
        archive.startRecording(StreamIds.MERGED_CHANNEL, StreamIds.MERGED, SourceLocation.LOCAL);
        postgres = EmbeddedPostgresServer.start(tempDir.resolve("var"), 0, false);
        Migrations.migrate(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 7);
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(writer, archive, driver, postgres);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldWriteEveryMessageExactlyOnceAcrossPublisherRestarts() throws SQLException
    {
        final TestMarketData data = new TestMarketData();
        try (ExclusivePublication first = aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED))
        {
            awaitRecordings(1);
            data.publication(first).definitions();
            data.bookSnapshot();
            for (int i = 0; i < 20_000; i++)
            {
                data.trade(0 == i % 3);
                if (0 == i % 10)
                {
                    data.topOfBook();
                    data.bookUpdate(300_000 - i % 3, i % 2);
                }
                if (0 == i % 5000)
                {
                    data.feedEvent("gap " + i);
                }
            }
            data.foreignBytes();
            writer = Writer.launch(writerContext().snapshotIntervalNs(1), out);
            for (int i = 0; i < 5_000; i++)
            {
                data.trade(true);
            }
        }
        awaitStopped(1);

        // A restarted publisher: a new recording, which the writer follows.
        try (ExclusivePublication second = aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED))
        {
            awaitRecordings(2);
            data.publication(second);
            for (int i = 0; i < 10_000; i++)
            {
                data.trade(false);
            }
            data.feedEvent("last");
            awaitRows("trades", data.trades);
        }

        try (Connection connection = connect())
        {
            assertExactlyOnce(connection, data);
            assertEquals(data.topOfBooks, count(connection, "select count(*) from top_of_book"));
            assertEquals(data.feedEvents, count(connection, "select count(*) from feed_events"));
            assertEquals(2, count(connection, "select count(*) from instruments"));
            assertEquals("BTC-USD 1 8", string(connection, "select symbol || ' ' || price_scale || ' ' || " +
                "quantity_scale from instruments where exchange = 'KRAKEN' and instrument_id = 1"));
            // Exact decimals: mantissa 600123 at scale 1 is 60012.3; quantity at scale 8.
            assertEquals("60012.3 0.00000862", string(connection, "select price::text || ' ' || quantity::text " +
                "from trades where exchange = 'KRAKEN' and sequence = 123"));
            assertEquals("6001.24", string(connection,
                "select price::text from trades where exchange = 'BINANCE' and sequence = 124"));
            assertEquals("60000.0 0.00000005 60001.0 null", string(connection, "select bid_price || ' ' || " +
                "bid_quantity || ' ' || ask_price || ' ' || coalesce(ask_quantity::text, 'null') from top_of_book " +
                "limit 1"));
            assertEquals("GAP RELAY", string(connection,
                "select event_type || ' ' || origin from feed_events where detail = 'last'"));
            assertTrue(count(connection, "select count(*) from book_snapshots") > 10);
            assertEquals("{3000.00,2999.99,2999.98} {3000.01,3000.02,3000.03}", string(connection,
                "select bid_prices::text || ' ' || ask_prices::text from book_snapshots order by time limit 1"));

            final RecordingChain chain = RecordingChain.list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
            awaitCondition(() -> writer.agent().committedRecordingId() == chain.last().recordingId(),
                "watermark on the second recording");
            assertEquals(chain.last().recordingId(), count(connection,
                "select recording_id from writer_watermarks where writer_name = 'writer'"));
        }
        assertEquals(1, writer.agent().skipped(), "the foreign message is skipped and counted");
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("skipped a message that failed validation"));
        assertEquals(0, writer.agent().dbErrors());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCatchUpWithNoLossAndNoDuplicatesAfterAThirtySecondDatabaseOutage() throws Exception
    {
        final TestMarketData data = new TestMarketData();
        try (ExclusivePublication publication =
            aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED))
        {
            awaitRecordings(1);
            data.publication(publication).definitions();
            writer = Writer.launch(writerContext().batchRows(2_000), out);
            publishFor(data, TimeUnit.SECONDS.toNanos(3));
            awaitCondition(() -> writer.agent().rowsCommitted() > 0, "rows before the outage");

            // PostgreSQL stops for 30 s while the stream goes on; then it restarts on the same data and port.
            final int port = postgres.port();
            postgres.close();
            publishFor(data, TimeUnit.SECONDS.toNanos(30));
            assertTrue(writer.agent().isPaused(), "paused while the database is down");
            assertEquals(1, writer.agent().outages());
            postgres = EmbeddedPostgresServer.start(tempDir.resolve("var"), port, false);
            publishFor(data, TimeUnit.SECONDS.toNanos(3));
        }

        awaitRows("trades", data.trades);
        try (Connection connection = connect())
        {
            assertExactlyOnce(connection, data);
            assertEquals(data.feedEvents, count(connection, "select count(*) from feed_events"));
        }
        final String report = output.toString(StandardCharsets.UTF_8);
        assertEquals(1, occurrences(report, "writer: database unavailable"), report);
        assertEquals(1, occurrences(report, "writer: database back after"), report);
        assertTrue(writer.agent().dbErrors() >= 2, "failed batch and failed reconnects are counted");
        assertEquals(1, writer.agent().outages());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldResumeFromTheWatermarkWithNoLossAndNoDuplicatesAfterACrash() throws Exception
    {
        final TestMarketData data = new TestMarketData();
        try (ExclusivePublication publication =
            aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED))
        {
            awaitRecordings(1);
            data.publication(publication).definitions();
            // Long linger and big batches: the crash drops an uncommitted batch, which the restart must redo.
            writer = Writer.launch(writerContext().batchRows(7_000).lingerNs(TimeUnit.SECONDS.toNanos(5)), out);
            for (int i = 0; i < 25_000; i++)
            {
                data.trade(0 == i % 2);
            }
            awaitCondition(() -> writer.agent().batches() >= 2, "some batches committed");
            writer.abandon();
            writer = null;
            try (Connection connection = connect())
            {
                assertTrue(count(connection, "select count(*) from trades") < data.trades,
                    "the crash left rows uncommitted");
            }

            for (int i = 0; i < 5_000; i++)
            {
                data.trade(true);
            }
            writer = Writer.launch(writerContext(), out);
            for (int i = 0; i < 5_000; i++)
            {
                data.trade(false);
            }
            awaitRows("trades", data.trades);
        }
        try (Connection connection = connect())
        {
            assertExactlyOnce(connection, data);
        }
    }

    private Writer.Context writerContext()
    {
        return new Writer.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .dbUrl(postgres.jdbcUrl())
            .dbUser(DatabaseConfiguration.EMBEDDED_USER)
            .retryBackoffNs(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(500));
    }

    private static void publishFor(final TestMarketData data, final long durationNs)
    {
        final long endNs = System.nanoTime() + durationNs;
        int i = 0;
        while (System.nanoTime() - endNs < 0)
        {
            for (int j = 0; j < 50; j++)
            {
                data.trade(0 == (i + j) % 2);
            }
            if (0 == i % 1000)
            {
                data.feedEvent("event " + i);
            }
            i++;
            LockSupportPark.parkMillis(5);
        }
    }

    private static void assertExactlyOnce(final Connection connection, final TestMarketData data) throws SQLException
    {
        assertEquals(data.trades, count(connection, "select count(*) from trades"));
        assertEquals(data.trades, count(connection, "select count(distinct (exchange, sequence)) from trades"),
            "no duplicates");
        // Every row's values are the published ones: price and quantity are functions of the sequence.
        assertEquals(0, count(connection, "select count(*) from trades where " +
            "price * power(10::numeric, case exchange when 'KRAKEN' then 1 else 2 end) <> 600000 + sequence % 100000"));
    }

    private void awaitRows(final String table, final long expected)
    {
        awaitCondition(() ->
        {
            try (Connection connection = connect())
            {
                return count(connection, "select count(*) from " + table) >= expected;
            }
            catch (final SQLException ex)
            {
                return false;
            }
        }, table + " to reach " + expected + " rows");
    }

    private void awaitRecordings(final int count)
    {
        awaitCondition(() -> RecordingChain.list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED).recordings()
            .size() >= count, count + " recordings");
    }

    private void awaitStopped(final int count)
    {
        awaitCondition(() -> RecordingChain.list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED).recordings()
            .stream().filter((r) -> !r.isActive()).count() >= count, count + " stopped recordings");
    }

    private static void awaitCondition(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
            LockSupportPark.parkMillis(20);
        }
    }

    private Connection connect() throws SQLException
    {
        return PulseDatabase.connect(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null);
    }

    private static long count(final Connection connection, final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(final Connection connection, final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static int occurrences(final String text, final String what)
    {
        int count = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1))
        {
            count++;
        }
        return count;
    }

    /**
     * Pacing the test publisher (not waiting for a condition).
     */
    static final class LockSupportPark
    {
        static void parkMillis(final long millis)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }
}
