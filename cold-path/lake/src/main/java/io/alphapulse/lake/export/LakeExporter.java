/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import io.alphapulse.lake.Column;
import io.alphapulse.lake.ColumnKind;
import io.alphapulse.lake.Dataset;
import io.alphapulse.lake.LakeLayout;
import org.apache.parquet.io.api.Binary;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exports PostgreSQL tables to the Parquet lake, one partition (dataset, exchange, UTC day) at a time.
 * <ul>
 *   <li><b>Closed periods, incremental.</b> Days before {@code until} (default: today UTC) and from the dataset's
 *   watermark ({@code export_watermarks.closed_until}) or {@code from}. After a dataset completes, its watermark
 *   moves to {@code until}.</li>
 *   <li><b>Exact types.</b> Decimals as DECIMAL at the instrument's scale (INT64 up to 18 digits), computed by
 *   PostgreSQL from NUMERIC and read through binary COPY: no double anywhere. Instruments of different scales go to
 *   different files of the partition ({@code part-0}, {@code part-1}, ...), so every file is typed exactly.</li>
 *   <li><b>Idempotent and resumable.</b> Rows are written in a total order with metadata that holds nothing
 *   time-dependent, so the same rows give the same bytes. Each file is written under a temporary name and renamed
 *   atomically; the manifest is renamed last; then the partition is recorded in {@code export_partitions}. A
 *   partition whose record and manifest agree with the database's row count is skipped; any other (a killed
 *   run's half) is written again from scratch.</li>
 * </ul>
 */
public final class LakeExporter
{
    private static final Logger LOGGER = LoggerFactory.getLogger(LakeExporter.class);

    private final Context ctx;
    private final Map<String, Instrument> instruments = new HashMap<>();
    private Connection[] readers;
    private long rowsSinceStart;

    /**
     * An instrument's scales and symbol.
     */
    private record Instrument(String symbol, int priceScale, int quantityScale)
    {
    }

    /**
     * Per instrument (or whole partition) figures from the listing query.
     */
    private static final class Group
    {
        Integer instrumentId;
        long rows;
    }

    /**
     * One file of a partition to write: instruments of the same scales, read by one binary COPY.
     */
    private static final class PartJob
    {
        final Partition partition;
        final List<Group> groups;
        final List<PartColumn> columns;
        final String name;

        PartJob(final Partition partition, final List<Group> groups, final List<PartColumn> columns, final String name)
        {
            this.partition = partition;
            this.groups = groups;
            this.columns = columns;
            this.name = name;
        }
    }

    /**
     * A part read into memory, or the reader's failure.
     *
     * @param job       the part.
     * @param batch     its rows.
     * @param readNanos time to read them.
     * @param failure   what went wrong instead.
     */
    private record ReadPart(PartJob job, PartBatch batch, long readNanos, Throwable failure)
    {
    }

    /**
     * A partition to export.
     */
    private static final class Partition
    {
        final String exchange;
        final LocalDate day;
        final List<Group> groups = new ArrayList<>();
        long rows;

        Partition(final String exchange, final LocalDate day)
        {
            this.exchange = exchange;
            this.day = day;
        }

        String label()
        {
            return "exchange=" + exchange + "/date=" + day;
        }
    }

    /**
     * What one dataset's export did.
     *
     * @param dataset            dataset.
     * @param partitionsWritten  partitions written.
     * @param partitionsSkipped  partitions already exported and unchanged.
     * @param rows               rows written.
     * @param bytes              bytes of the files written.
     * @param nanos              time taken.
     * @param skippedReason      why the dataset was not exported at all (no table yet), or null.
     * @param readNanos          time the reader threads spent in binary COPY and decoding, summed (overlaps writing).
     * @param sortNanos          time spent sorting parts into their total order.
     * @param writeNanos         time spent encoding and writing Parquet.
     * @param listNanos          time spent listing the partitions and their row counts (before any part is read).
     */
    public record DatasetResult(
        String dataset, int partitionsWritten, int partitionsSkipped, long rows, long bytes, long nanos,
        String skippedReason, long readNanos, long sortNanos, long writeNanos, long listNanos)
    {
    }

    /**
     * Exporter with its settings.
     *
     * @param ctx settings; concluded here.
     */
    public LakeExporter(final Context ctx)
    {
        this.ctx = ctx.conclude();
    }

    /**
     * Export every selected dataset, reading with one connection.
     *
     * @param connection the database (autocommit on).
     * @return one result per dataset.
     * @throws SQLException on a database error.
     * @throws IOException  on a file error.
     */
    public List<DatasetResult> run(final Connection connection) throws SQLException, IOException
    {
        return run(connection, null);
    }

    /**
     * Export every selected dataset, with a second connection that reads every other part (its binary COPY and
     * decoding on a second reader thread) while the first reads the next: PostgreSQL's side of a COPY is the
     * slower half of an export. There is still one writer: parts are written, in order, by the calling thread.
     *
     * @param connection  the database (autocommit on): listing, records and every other part.
     * @param extraReader a second connection to the same database for the other parts, or null to read with one.
     * @return one result per dataset.
     * @throws SQLException on a database error.
     * @throws IOException  on a file error.
     */
    public List<DatasetResult> run(final Connection connection, final Connection extraReader)
        throws SQLException, IOException
    {
        readers = null == extraReader ? new Connection[]{connection} : new Connection[]{connection, extraReader};
        loadInstruments(connection);
        final List<DatasetResult> results = new ArrayList<>();
        for (final String name : ctx.datasets())
        {
            final Dataset dataset = Dataset.resolve(connection, name);
            if (null == dataset)
            {
                results.add(new DatasetResult(name, 0, 0, 0, 0, 0,
                    "no table '" + name + "' in the database yet (the trading projector creates it, issue 6)",
                    0, 0, 0, 0));
                continue;
            }
            results.add(export(connection, dataset));
        }
        return results;
    }

    /**
     * The day before which periods are closed by default: today, UTC.
     *
     * @param clock clock.
     * @return today UTC.
     */
    public static LocalDate todayUtc(final Clock clock)
    {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private DatasetResult export(final Connection connection, final Dataset dataset)
        throws SQLException, IOException
    {
        final long startNs = System.nanoTime();
        LocalDate from = ctx.from();
        if (null == from)
        {
            from = watermark(connection, lakeKey(), dataset.name());
        }
        final LocalDate until = ctx.until();
        final List<Partition> partitions = listInHalves(connection, dataset, from, until);
        final long listNanos = System.nanoTime() - startNs;

        final List<Partition> toWrite = new ArrayList<>();
        int skipped = 0;
        long rowsToWrite = 0;
        for (final Partition partition : partitions)
        {
            if (!ctx.force() && isUpToDate(connection, dataset, partition))
            {
                skipped++;
            }
            else
            {
                toWrite.add(partition);
                rowsToWrite += partition.rows;
            }
        }

        ctx.progress().datasetStarted(dataset.name(), toWrite.size(), skipped, rowsToWrite);
        final Pipeline pipeline = new Pipeline(readers, dataset, toWrite);
        pipeline.run();
        final long rows = pipeline.rows;
        if (null == from || until.isAfter(from))
        {
            setWatermark(connection, lakeKey(), dataset.name(), until);
        }
        ctx.progress().datasetDone(dataset.name());
        LOGGER.info("export {}: {} partitions written, {} up to date, {} rows", dataset.name(), toWrite.size(),
            skipped, rows);
        return new DatasetResult(dataset.name(), toWrite.size(), skipped, rows, pipeline.bytes,
            System.nanoTime() - startNs, null, pipeline.readNanos, pipeline.sortNanos, pipeline.writeNanos,
            listNanos);
    }

    /**
     * The partitions from {@code from} (or the beginning) to {@code until}, in order of exchange and day. With a
     * second connection and a known range of at least two days, each connection counts half of the days at the
     * same time (the listing reads every row once, before any part can be read).
     */
    private List<Partition> listInHalves(
        final Connection connection, final Dataset dataset, final LocalDate from, final LocalDate until)
        throws SQLException
    {
        final long days = null == from ? 0 : until.toEpochDay() - from.toEpochDay();
        if (readers.length < 2 || days < 2)
        {
            return list(connection, dataset, from, until);
        }
        final LocalDate middle = from.plusDays(days / 2);
        final CompletableFuture<List<Partition>> later = new CompletableFuture<>();
        final Thread second = new Thread(() ->
        {
            try
            {
                later.complete(list(readers[1], dataset, middle, until));
            }
            catch (final Throwable ex)
            {
                later.completeExceptionally(ex);
            }
        }, "export-listing-" + dataset.name());
        second.setDaemon(true);
        second.start();
        final List<Partition> partitions = new ArrayList<>(list(connection, dataset, from, middle));
        try
        {
            partitions.addAll(later.get());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new SQLException("export interrupted while listing " + dataset.name(), ex);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof SQLException sql)
            {
                throw sql;
            }
            throw new IllegalStateException("listing " + dataset.name() + " failed", ex.getCause());
        }
        partitions.sort(Comparator.comparing((Partition partition) -> partition.exchange)
            .thenComparing((partition) -> partition.day));
        return partitions;
    }

    private List<Partition> list(
        final Connection connection, final Dataset dataset, final LocalDate from, final LocalDate until)
        throws SQLException
    {
        // Counts only: decimal scales and magnitudes are found while the rows are read (no NUMERIC work here).
        // The day is a date_bin (arithmetic on the timestamp, no time zone conversion per row), turned into a date
        // for the few groups only. The planner takes every timestamp for a group of its own and would sort all
        // the rows (spilling to disk) to count them; a hash aggregate holds only the groups there are: sorts are
        // switched off for this one query. A range of one day needs no day per row at all (and the planner then
        // estimates the groups well enough to count in parallel workers).
        final boolean oneDay = null != from && until.equals(from.plusDays(1));
        final String dayExpression = oneDay ? "date '" + from + "'" : "date_bin('1 day', " + dataset.timeColumn() +
            ", timestamptz '2000-01-01 00:00:00+00')";
        final StringBuilder sql = new StringBuilder("select exchange, ")
            .append(oneDay ? "day" : "(day at time zone 'UTC')::date")
            .append(", instrument_id, rows from (select ")
            .append(exchangeExpression(dataset)).append(" as exchange, ").append(dayExpression).append(" as day, ")
            .append(dataset.byInstrument() ? "instrument_id" : "null::int4").append(" as instrument_id, ")
            .append("count(*) as rows");
        sql.append(" from ").append(dataset.table()).append(" where ").append(dataset.timeColumn())
            .append(" < ?");
        if (null != from)
        {
            sql.append(" and ").append(dataset.timeColumn()).append(" >= ?");
        }
        sql.append(oneDay ? " group by 1, 3" : " group by 1, 2, 3").append(") groups order by 1, 2, 3 nulls first");

        final Map<String, Partition> partitions = new LinkedHashMap<>();
        try (Statement settings = connection.createStatement())
        {
            settings.execute("set enable_sort = off");
            settings.execute("set work_mem = '" + ctx.sortMemoryMb() + "MB'");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString()))
        {
            statement.setObject(1, until.atStartOfDay().atOffset(ZoneOffset.UTC));
            if (null != from)
            {
                statement.setObject(2, from.atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rs = statement.executeQuery())
            {
                while (rs.next())
                {
                    final String exchange = rs.getString(1);
                    final LocalDate day = rs.getObject(2, LocalDate.class);
                    final Partition partition = partitions.computeIfAbsent(exchange + "|" + day,
                        (key) -> new Partition(exchange, day));
                    final Group group = new Group();
                    final int id = rs.getInt(3);
                    group.instrumentId = rs.wasNull() ? null : id;
                    group.rows = rs.getLong(4);
                    partition.groups.add(group);
                    partition.rows += group.rows;
                }
            }
        }
        finally
        {
            try (Statement settings = connection.createStatement())
            {
                settings.execute("reset enable_sort");
                settings.execute("reset work_mem");
            }
        }
        return new ArrayList<>(partitions.values());
    }

    private boolean isUpToDate(final Connection connection, final Dataset dataset, final Partition partition)
        throws SQLException
    {
        final Path manifestFile = LakeLayout.partitionDir(ctx.lakeDir(), dataset.name(), partition.exchange,
            partition.day).resolve(LakeLayout.MANIFEST_NAME);
        final String[] onDisk = PartitionManifest.readChecksumAndRows(manifestFile);
        if (null == onDisk || Long.parseLong(onDisk[1]) != partition.rows)
        {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(
            "select row_count, checksum from export_partitions where lake = ? and dataset = ? and exchange = ? " +
            "and day = ?"))
        {
            statement.setString(1, lakeKey());
            statement.setString(2, dataset.name());
            statement.setString(3, partition.exchange);
            statement.setObject(4, partition.day);
            try (ResultSet rs = statement.executeQuery())
            {
                return rs.next() && rs.getLong(1) == partition.rows && onDisk[0].equals(rs.getString(2));
            }
        }
    }

    /**
     * The files of one partition: instruments grouped by their scales (from {@code instruments}), one file per
     * group, in a fixed order. A file's decimal columns start at the instruments' scales; a value with more places
     * raises its column's scale for that file (found while reading, never rounded).
     */
    private List<PartJob> jobs(final Dataset dataset, final Partition partition)
    {
        final List<Column> decimals = decimalColumns(dataset);
        final TreeMap<List<Integer>, List<Group>> parts = new TreeMap<>(LakeExporter::compareKeys);
        for (final Group group : partition.groups)
        {
            final List<Integer> key = new ArrayList<>();
            for (final Column column : decimals)
            {
                if (column.kind() != ColumnKind.DECIMAL_OBSERVED)
                {
                    key.add(instrumentScale(partition.exchange, group.instrumentId, column.kind()));
                }
            }
            parts.computeIfAbsent(key, (k) -> new ArrayList<>()).add(group);
        }
        final List<PartJob> jobs = new ArrayList<>();
        int n = 0;
        for (final Map.Entry<List<Integer>, List<Group>> part : parts.entrySet())
        {
            final List<PartColumn> columns = new ArrayList<>();
            int k = 0;
            for (final Column column : dataset.columns())
            {
                if (!column.kind().isDecimal())
                {
                    columns.add(new PartColumn(column, 0, 0));
                }
                else if (column.kind() == ColumnKind.DECIMAL_OBSERVED)
                {
                    columns.add(new PartColumn(column, 0, PartColumn.LONG_PRECISION));
                }
                else
                {
                    columns.add(new PartColumn(column, part.getKey().get(k++), PartColumn.LONG_PRECISION));
                }
            }
            jobs.add(new PartJob(partition, part.getValue(), columns, LakeLayout.partName(n++)));
        }
        return jobs;
    }

    /**
     * One dataset's partitions, read and written at the same time: reader threads run the parts' binary COPYs (no
     * ORDER BY, no NUMERIC arithmetic in PostgreSQL) into {@link PartBatch}es and hand them over; this thread, the
     * one writer, takes them in order, sorts each, types it and writes its Parquet file while the readers already
     * read the next parts. With two connections, reader {@code i} reads parts {@code i, i + 2, ...}. The first
     * reader owns the first connection while it runs, so it also records finished partitions in
     * {@code export_partitions} (before its next COPY); what is left is recorded when the readers have stopped.
     */
    private final class Pipeline
    {
        private final Connection[] connections;
        private final Dataset dataset;
        private final List<Partition> partitions;
        private final List<SynchronousQueue<ReadPart>> handOvers = new ArrayList<>();
        private final ConcurrentLinkedQueue<PartitionManifest> toRecord = new ConcurrentLinkedQueue<>();
        private final AtomicLong readerNanos = new AtomicLong();
        private volatile boolean cancelled;
        private int readerCount = 1;
        private int nextPart;
        long rows;
        long bytes;
        long readNanos;
        long sortNanos;
        long writeNanos;

        Pipeline(final Connection[] connections, final Dataset dataset, final List<Partition> partitions)
        {
            this.connections = connections;
            this.dataset = dataset;
            this.partitions = partitions;
            for (int i = 0; i < connections.length; i++)
            {
                handOvers.add(new SynchronousQueue<>());
            }
        }

        void run() throws SQLException, IOException
        {
            final List<List<PartJob>> jobsByPartition = new ArrayList<>();
            final List<PartJob> all = new ArrayList<>();
            for (final Partition partition : partitions)
            {
                final List<PartJob> jobs = jobs(dataset, partition);
                jobsByPartition.add(jobs);
                all.addAll(jobs);
            }
            readerCount = Math.max(1, Math.min(connections.length, all.size()));
            final Thread[] readers = new Thread[readerCount];
            for (int i = 0; i < readerCount; i++)
            {
                final int index = i;
                readers[i] = new Thread(() -> read(all, index, readerCount),
                    "export-reader-" + dataset.name() + (0 == i ? "" : "-" + i));
                readers[i].setDaemon(true);
                readers[i].start();
            }
            Throwable failure = null;
            try
            {
                for (int i = 0; i < partitions.size(); i++)
                {
                    final Partition partition = partitions.get(i);
                    final long startNs = System.nanoTime();
                    final PartitionManifest manifest = writePartition(dataset, partition, jobsByPartition.get(i),
                        this);
                    toRecord.add(manifest);
                    rows += manifest.rows();
                    for (final PartitionManifest.FileEntry file : manifest.files())
                    {
                        bytes += file.bytes();
                    }
                    ctx.progress().partitionDone(dataset.name(), partition.label(), manifest.rows(),
                        System.nanoTime() - startNs);
                }
            }
            catch (final Throwable ex)
            {
                failure = ex;
            }
            finally
            {
                cancelled = true;
                for (int i = 0; i < readerCount; i++)
                {
                    stop(readers[i], handOvers.get(i));
                }
            }
            readNanos = readerNanos.get();
            try
            {
                recordPending();
            }
            catch (final SQLException ex)
            {
                if (null == failure)
                {
                    throw ex;
                }
                failure.addSuppressed(ex);
            }
            if (null != failure)
            {
                throw rethrow(failure);
            }
        }

        /**
         * The next part, in the order of the jobs.
         */
        ReadPart next() throws SQLException, IOException
        {
            final ReadPart part;
            try
            {
                part = handOvers.get(nextPart % readerCount).take();
                nextPart++;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IOException("export interrupted", ex);
            }
            if (null != part.failure())
            {
                throw rethrow(part.failure());
            }
            return part;
        }

        private void read(final List<PartJob> jobs, final int index, final int readerCount)
        {
            final Connection connection = connections[index];
            final SynchronousQueue<ReadPart> handOver = handOvers.get(index);
            for (int j = index; j < jobs.size(); j += readerCount)
            {
                final PartJob job = jobs.get(j);
                if (cancelled)
                {
                    return;
                }
                ReadPart part;
                try
                {
                    if (0 == index)
                    {
                        recordPending();
                    }
                    final long startNs = System.nanoTime();
                    final PartBatch batch = readPart(connection, dataset, job, readerCount);
                    final long nanos = System.nanoTime() - startNs;
                    readerNanos.addAndGet(nanos);
                    part = new ReadPart(job, batch, nanos, null);
                }
                catch (final Throwable ex)
                {
                    part = new ReadPart(job, null, 0, ex);
                }
                while (!cancelled)
                {
                    try
                    {
                        if (handOver.offer(part, 100, TimeUnit.MILLISECONDS))
                        {
                            break;
                        }
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (null != part.failure())
                {
                    return;
                }
            }
        }

        private void recordPending() throws SQLException
        {
            PartitionManifest manifest;
            while (null != (manifest = toRecord.poll()))
            {
                record(connections[0], lakeKey(), dataset, manifest);
            }
        }

        private void stop(final Thread reader, final SynchronousQueue<ReadPart> handOver)
        {
            // A reader in the middle of a COPY finishes that part (the connection stays usable), then sees the flag.
            while (reader.isAlive())
            {
                handOver.poll();
                try
                {
                    reader.join(50);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static RuntimeException rethrow(final Throwable failure) throws SQLException, IOException
    {
        if (failure instanceof SQLException ex)
        {
            throw ex;
        }
        if (failure instanceof IOException ex)
        {
            throw ex;
        }
        if (failure instanceof RuntimeException ex)
        {
            throw ex;
        }
        if (failure instanceof Error ex)
        {
            throw ex;
        }
        throw new IllegalStateException(failure);
    }

    /**
     * Write one partition: every part to a temporary file, then the manifest to a temporary file; only when all
     * are on disk are they renamed into place (parts first, manifest last; renames need no space). A failure
     * before that (a full disk) removes the temporary files and leaves the partition as it was.
     */
    private PartitionManifest writePartition(
        final Dataset dataset, final Partition partition, final List<PartJob> jobs, final Pipeline pipeline)
        throws SQLException, IOException
    {
        final Path dir = LakeLayout.partitionDir(ctx.lakeDir(), dataset.name(), partition.exchange, partition.day);
        final List<Path> temps = new ArrayList<>();
        final List<PartitionManifest.FileEntry> files = new ArrayList<>();
        Path current = dir;
        final PartitionManifest manifest;
        final Path manifestTemp = dir.resolve(LakeLayout.tempName(LakeLayout.MANIFEST_NAME));
        try
        {
            Files.createDirectories(dir);
            deleteMatching(dir, (name) -> name.startsWith(".") && name.endsWith(LakeLayout.TEMP_SUFFIX));
            long rows = 0;
            long minTime = Long.MAX_VALUE;
            long maxTime = Long.MIN_VALUE;
            for (final PartJob job : jobs)
            {
                final ReadPart part = pipeline.next();
                if (part.job() != job)
                {
                    throw new IllegalStateException("export reader out of step at " + partition.label());
                }
                final PartBatch batch = part.batch();
                final Path temp = dir.resolve(LakeLayout.tempName(job.name));
                current = temp;
                temps.add(temp);
                final List<PartColumn> columns = typeColumns(dataset, batch, job);
                long startNs = System.nanoTime();
                final int[] order = batch.sortedOrder(dataset.byInstrument() ? instrumentColumn(columns) : -1);
                pipeline.sortNanos += System.nanoTime() - startNs;
                startNs = System.nanoTime();
                final long[] written = writeFile(dataset, temp, columns, batch, order);
                pipeline.writeNanos += System.nanoTime() - startNs;

                final List<Integer> ids = new ArrayList<>();
                for (final Group group : job.groups)
                {
                    ids.add(group.instrumentId);
                }
                final List<String> types = new ArrayList<>();
                for (final PartColumn column : columns)
                {
                    types.add(column.name() + " " + column.typeName());
                }
                files.add(new PartitionManifest.FileEntry(job.name, written[0], Files.size(temp),
                    PartitionManifest.sha256(temp), dataset.byInstrument() ? ids : List.of(), types));
                rows += written[0];
                if (written[0] > 0)
                {
                    minTime = Math.min(minTime, written[1]);
                    maxTime = Math.max(maxTime, written[2]);
                }
            }
            manifest = new PartitionManifest(dataset.name(), partition.exchange, partition.day.toString(), rows,
                rows > 0 ? PartitionManifest.isoMicros(minTime) : null,
                rows > 0 ? PartitionManifest.isoMicros(maxTime) : null, PartitionManifest.combinedChecksum(files),
                files);
            current = manifestTemp;
            temps.add(manifestTemp);
            Files.write(manifestTemp, manifest.toJson());
        }
        catch (final Exception ex)
        {
            for (final Path temp : temps)
            {
                try
                {
                    Files.deleteIfExists(temp);
                }
                catch (final IOException cleanup)
                {
                    ex.addSuppressed(cleanup);
                }
            }
            if (ExportException.isNoSpace(ex))
            {
                throw ExportException.noSpace(dataset.name(), partition.label(), current, ex);
            }
            throw rethrow(ex);
        }

        final Set<String> keep = new HashSet<>();
        for (final PartitionManifest.FileEntry file : files)
        {
            Files.move(dir.resolve(LakeLayout.tempName(file.name())), dir.resolve(file.name()),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            keep.add(file.name());
        }
        deleteMatching(dir, (name) -> name.endsWith(".parquet") && !keep.contains(name));
        Files.move(manifestTemp, dir.resolve(LakeLayout.MANIFEST_NAME), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    private static int instrumentColumn(final List<PartColumn> columns)
    {
        for (int i = 0; i < columns.size(); i++)
        {
            if ("instrument_id".equals(columns.get(i).name()))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The file's column types from what was read: each decimal column at the larger of its instruments' scale and
     * the places its values need (the largest found, for columns without an instrument scale), in an INT64 when
     * every value fits in 18 digits, else 16 bytes (38 digits).
     */
    private static List<PartColumn> typeColumns(final Dataset dataset, final PartBatch batch, final PartJob job)
    {
        final List<PartColumn> typed = new ArrayList<>();
        for (int c = 0; c < job.columns.size(); c++)
        {
            final PartColumn column = job.columns.get(c);
            if (!column.kind().isDecimal())
            {
                typed.add(column);
                continue;
            }
            final int scale = Math.max(column.scale(), batch.neededScale[c]);
            int precision = PartColumn.LONG_PRECISION;
            if (!batch.rescale(c, scale))
            {
                for (int row = 0; row < batch.size(); row++)
                {
                    if (batch.isNull(c, row))
                    {
                        continue;
                    }
                    final BigDecimal value = batch.decimal(c, row);
                    final int digits = value.setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue()
                        .abs().toString().length();
                    if (digits > PartColumn.WIDE_PRECISION)
                    {
                        throw new IllegalStateException(dataset.name() + "." + column.name() + " value " + value +
                            " needs " + digits + " digits at scale " + scale + ": more than DECIMAL(38) holds");
                    }
                }
                precision = PartColumn.WIDE_PRECISION;
            }
            typed.add(new PartColumn(column.column(), scale, precision));
        }
        return typed;
    }

    /**
     * Read one part's rows with a binary COPY into memory.
     */
    private PartBatch readPart(final Connection connection, final Dataset dataset, final PartJob job,
        final int readerCount) throws SQLException, IOException
    {
        final List<PartColumn> columns = job.columns;
        final List<PartColumn> selected = new ArrayList<>();
        final int[] targets = new int[columns.size()];
        int symbolTarget = -1;
        int instrumentTarget = -1;
        int s = 0;
        for (int i = 0; i < columns.size(); i++)
        {
            final PartColumn column = columns.get(i);
            if (column.kind() == ColumnKind.SYMBOL)
            {
                symbolTarget = i;
                continue;
            }
            if ("instrument_id".equals(column.name()))
            {
                instrumentTarget = i;
            }
            selected.add(column);
            targets[s++] = i;
        }
        final int[] selectedTargets = java.util.Arrays.copyOf(targets, s);
        long expectedRows = 0;
        for (final Group group : job.groups)
        {
            expectedRows += group.rows;
        }
        final long bytesPerRow = 8L * (columns.size() + 2);
        // One part is being written while each reader holds one: a part may take a share of the heap, with room.
        final int share = readerCount + 2;
        if (expectedRows * bytesPerRow > Runtime.getRuntime().maxMemory() / share)
        {
            throw new IllegalStateException(dataset.name() + " " + job.partition.label() + " " + job.name + ": " +
                expectedRows + " rows need about " + (expectedRows * bytesPerRow >> 20) + " MB in memory to be " +
                "sorted, more than 1/" + share + " of the JVM's " + (Runtime.getRuntime().maxMemory() >> 20) +
                " MB with " + readerCount + " reader(s): give it more (PULSE_JAVA_OPTS=-Xmx...) or read with one " +
                "connection (--readers 1)");
        }
        final PartBatch batch = new PartBatch(columns, (int)Math.min(expectedRows + 16, Integer.MAX_VALUE - 16));
        final String sql = copySql(dataset, job.partition, job.groups, selected);
        try (PGCopyInputStream in = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql))
        {
            final PgCopyReader reader = new PgCopyReader(in);
            while (reader.nextTuple() >= 0)
            {
                batch.readRow(reader, selectedTargets);
            }
        }
        if (symbolTarget >= 0)
        {
            final Map<Long, Binary> symbols = new HashMap<>();
            long lastId = Long.MIN_VALUE;
            Binary last = null;
            for (int row = 0; row < batch.size(); row++)
            {
                Binary symbol = null;
                if (instrumentTarget >= 0 && !batch.isNull(instrumentTarget, row))
                {
                    final long id = batch.longs[instrumentTarget][row];
                    if (id != lastId)
                    {
                        last = symbols.computeIfAbsent(id, (key) ->
                        {
                            final Instrument instrument = instruments.get(job.partition.exchange + "|" + key);
                            return null == instrument ? null : Binary.fromString(instrument.symbol());
                        });
                        lastId = id;
                    }
                    symbol = last;
                }
                batch.setSymbol(symbolTarget, row, symbol);
            }
        }
        return batch;
    }

    /**
     * Write a part's rows in order into a Parquet file.
     *
     * @return rows written, min and max of the time column (micros).
     */
    private long[] writeFile(
        final Dataset dataset, final Path file, final List<PartColumn> columns, final PartBatch batch,
        final int[] order) throws IOException
    {
        final long[] times = batch.longs[0];
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        long pendingProgress = 0;
        try (PartWriter writer = new PartWriter(file, dataset.name(), columns, ctx.rowGroupBytes(),
            ctx.rowGroupRows()))
        {
            for (int from = 0; from < order.length; from += PartWriter.SLICE_ROWS)
            {
                final int to = Math.min(order.length, from + PartWriter.SLICE_ROWS);
                writer.write(batch, order, from, to);
                for (int i = from; i < to; i++)
                {
                    final long time = times[order[i]];
                    minTime = Math.min(minTime, time);
                    maxTime = Math.max(maxTime, time);
                }
                pendingProgress += to - from;
                if (pendingProgress >= 65_536)
                {
                    ctx.progress().rowsWritten(pendingProgress);
                    pendingProgress = 0;
                }
                rowsSinceStart += to - from;
                if (ctx.haltAfterRows() > 0 && rowsSinceStart >= ctx.haltAfterRows())
                {
                    // Test hook: die as a kill -9 would, mid-file, with no clean-up.
                    Runtime.getRuntime().halt(137);
                }
            }
        }
        ctx.progress().rowsWritten(pendingProgress);
        return new long[]{order.length, minTime, maxTime};
    }

    private String copySql(
        final Dataset dataset, final Partition partition, final List<Group> groups, final List<PartColumn> selected)
    {
        final StringBuilder sql = new StringBuilder("copy (select ");
        for (int i = 0; i < selected.size(); i++)
        {
            if (i > 0)
            {
                sql.append(", ");
            }
            sql.append(selectExpression(selected.get(i)));
        }
        sql.append(" from ").append(dataset.table()).append(" where ")
            .append(exchangeExpression(dataset)).append(" = ").append(literal(partition.exchange))
            .append(" and ").append(dataset.timeColumn()).append(" >= ")
            .append(literal(partition.day + " 00:00:00+00")).append("::timestamptz and ")
            .append(dataset.timeColumn()).append(" < ")
            .append(literal(partition.day.plusDays(1) + " 00:00:00+00")).append("::timestamptz");
        if (dataset.byInstrument())
        {
            final StringBuilder ids = new StringBuilder();
            boolean hasNull = false;
            for (final Group group : groups)
            {
                if (null == group.instrumentId)
                {
                    hasNull = true;
                }
                else
                {
                    ids.append(ids.isEmpty() ? "" : ",").append(group.instrumentId);
                }
            }
            sql.append(" and (").append(ids.isEmpty() ? "false" : "instrument_id in (" + ids + ")")
                .append(hasNull ? " or instrument_id is null" : "").append(")");
        }
        sql.append(") to stdout (format binary)");
        return sql.toString();
    }

    private static String selectExpression(final PartColumn column)
    {
        final String name = column.name();
        return switch (column.kind())
        {
            case TIMESTAMP -> name + "::timestamptz";
            case INT32 -> name + "::int4";
            case INT64 -> name + "::int8";
            case BOOLEAN -> name + "::bool";
            case STRING -> name + "::text";
            case SYMBOL -> throw new IllegalStateException("symbol is not selected");
            default -> name + "::numeric";
        };
    }

    private static List<Column> decimalColumns(final Dataset dataset)
    {
        final List<Column> decimals = new ArrayList<>();
        for (final Column column : dataset.columns())
        {
            if (column.kind().isDecimal())
            {
                decimals.add(column);
            }
        }
        return decimals;
    }

    private int instrumentScale(final String exchange, final Integer instrumentId, final ColumnKind kind)
    {
        final Instrument instrument = null == instrumentId ? null : instruments.get(exchange + "|" + instrumentId);
        if (null == instrument)
        {
            return 0;
        }
        return kind == ColumnKind.DECIMAL_PRICE ? instrument.priceScale() : instrument.quantityScale();
    }

    private static int compareKeys(final List<Integer> a, final List<Integer> b)
    {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++)
        {
            final int c = Integer.compare(a.get(i), b.get(i));
            if (0 != c)
            {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static String exchangeExpression(final Dataset dataset)
    {
        return null == dataset.exchangeColumn() ? literal(Dataset.NO_EXCHANGE) : dataset.exchangeColumn();
    }

    private static String literal(final String text)
    {
        return "'" + text.replace("'", "''") + "'";
    }

    private void loadInstruments(final Connection connection) throws SQLException
    {
        instruments.clear();
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(
                "select exchange, instrument_id, symbol, price_scale, quantity_scale from instruments"))
        {
            while (rs.next())
            {
                instruments.put(rs.getString(1) + "|" + rs.getInt(2),
                    new Instrument(rs.getString(3), rs.getInt(4), rs.getInt(5)));
            }
        }
    }

    private String lakeKey()
    {
        return ctx.lakeDir().toAbsolutePath().normalize().toString();
    }

    private static LocalDate watermark(final Connection connection, final String lake, final String dataset)
        throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(
            "select closed_until from export_watermarks where lake = ? and dataset = ?"))
        {
            statement.setString(1, lake);
            statement.setString(2, dataset);
            try (ResultSet rs = statement.executeQuery())
            {
                return rs.next() ? rs.getObject(1, LocalDate.class) : null;
            }
        }
    }

    private static void setWatermark(
        final Connection connection, final String lake, final String dataset, final LocalDate until)
        throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(
            "insert into export_watermarks (lake, dataset, closed_until) values (?, ?, ?) " +
            "on conflict (lake, dataset) do update " +
            "set closed_until = greatest(export_watermarks.closed_until, excluded.closed_until), updated_at = now()"))
        {
            statement.setString(1, lake);
            statement.setString(2, dataset);
            statement.setObject(3, until);
            statement.executeUpdate();
        }
    }

    private static void record(
        final Connection connection, final String lake, final Dataset dataset, final PartitionManifest manifest)
        throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement(
            "insert into export_partitions (dataset, exchange, day, row_count, min_time, max_time, file_count, " +
            "checksum, lake) values (?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?) " +
            "on conflict (lake, dataset, exchange, day) do update set row_count = excluded.row_count, " +
            "min_time = excluded.min_time, max_time = excluded.max_time, file_count = excluded.file_count, " +
            "checksum = excluded.checksum, exported_at = now()"))
        {
            statement.setString(1, dataset.name());
            statement.setString(2, manifest.exchange());
            statement.setDate(3, Date.valueOf(manifest.date()));
            statement.setLong(4, manifest.rows());
            statement.setString(5, manifest.minTime());
            statement.setString(6, manifest.maxTime());
            statement.setInt(7, manifest.files().size());
            statement.setString(8, manifest.checksum());
            statement.setString(9, lake);
            statement.executeUpdate();
        }
    }

    private static void deleteMatching(final Path dir, final java.util.function.Predicate<String> match)
        throws IOException
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir))
        {
            for (final Path entry : entries)
            {
                if (match.test(entry.getFileName().toString()))
                {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /**
     * Settings of an export.
     */
    public static final class Context
    {
        private Path lakeDir;
        private List<String> datasets;
        private LocalDate from;
        private LocalDate until;
        private Clock clock;
        private boolean force;
        private long rowGroupBytes = 128L * 1024 * 1024;
        private int rowGroupRows = 1 << 20;
        private ExportProgress progress;
        private long haltAfterRows;
        private int sortMemoryMb = 256;
        private boolean concluded;

        /**
         * Fill in defaults and validate.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == lakeDir)
            {
                lakeDir = Path.of(LakeLayout.LAKE_DIR_DEFAULT);
            }
            if (null == datasets || datasets.isEmpty())
            {
                datasets = Dataset.names();
            }
            for (final String name : datasets)
            {
                if (!Dataset.names().contains(name))
                {
                    throw new IllegalArgumentException("unknown dataset '" + name + "': use some of " +
                        Dataset.names());
                }
            }
            if (null == clock)
            {
                clock = Clock.systemUTC();
            }
            if (null == until)
            {
                until = todayUtc(clock);
            }
            if (null != from && !from.isBefore(until))
            {
                throw new IllegalArgumentException("--from " + from + " must be before --until " + until +
                    " (until is the first day not exported)");
            }
            if (rowGroupRows < 1 || rowGroupBytes < 1024)
            {
                throw new IllegalArgumentException("row group limits too small: " + rowGroupRows + " rows, " +
                    rowGroupBytes + " bytes");
            }
            if (null == progress)
            {
                progress = ExportProgress.forStream(System.out, false);
            }
            concluded = true;
            return this;
        }

        /**
         * Lake directory (default {@value LakeLayout#LAKE_DIR_DEFAULT}).
         *
         * @return lake directory.
         */
        public Path lakeDir()
        {
            return lakeDir;
        }

        /**
         * Lake directory.
         *
         * @param lakeDir lake directory.
         * @return this.
         */
        public Context lakeDir(final Path lakeDir)
        {
            this.lakeDir = lakeDir;
            return this;
        }

        /**
         * Datasets to export (default all).
         *
         * @return dataset names.
         */
        public List<String> datasets()
        {
            return datasets;
        }

        /**
         * Datasets to export.
         *
         * @param datasets dataset names.
         * @return this.
         */
        public Context datasets(final List<String> datasets)
        {
            this.datasets = datasets;
            return this;
        }

        /**
         * First day to consider, or null for the dataset's watermark (or the beginning).
         *
         * @return first day.
         */
        public LocalDate from()
        {
            return from;
        }

        /**
         * First day to consider.
         *
         * @param from first day or null.
         * @return this.
         */
        public Context from(final LocalDate from)
        {
            this.from = from;
            return this;
        }

        /**
         * First day not exported (default today UTC: only closed days).
         *
         * @return first day not exported.
         */
        public LocalDate until()
        {
            return until;
        }

        /**
         * First day not exported.
         *
         * @param until day.
         * @return this.
         */
        public Context until(final LocalDate until)
        {
            this.until = until;
            return this;
        }

        /**
         * Clock for "today".
         *
         * @param clock clock.
         * @return this.
         */
        public Context clock(final Clock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * Whether to rewrite partitions that are up to date.
         *
         * @return force.
         */
        public boolean force()
        {
            return force;
        }

        /**
         * Whether to rewrite partitions that are up to date.
         *
         * @param force force.
         * @return this.
         */
        public Context force(final boolean force)
        {
            this.force = force;
            return this;
        }

        /**
         * Row group size limit in bytes (default 128 MiB).
         *
         * @return bytes.
         */
        public long rowGroupBytes()
        {
            return rowGroupBytes;
        }

        /**
         * Row group size limit in bytes.
         *
         * @param rowGroupBytes bytes.
         * @return this.
         */
        public Context rowGroupBytes(final long rowGroupBytes)
        {
            this.rowGroupBytes = rowGroupBytes;
            return this;
        }

        /**
         * Row group limit in rows (default 1,048,576).
         *
         * @return rows.
         */
        public int rowGroupRows()
        {
            return rowGroupRows;
        }

        /**
         * Row group limit in rows.
         *
         * @param rowGroupRows rows.
         * @return this.
         */
        public Context rowGroupRows(final int rowGroupRows)
        {
            this.rowGroupRows = rowGroupRows;
            return this;
        }

        /**
         * Progress reporting.
         *
         * @return progress.
         */
        public ExportProgress progress()
        {
            return progress;
        }

        /**
         * Progress reporting.
         *
         * @param progress progress.
         * @return this.
         */
        public Context progress(final ExportProgress progress)
        {
            this.progress = progress;
            return this;
        }

        /**
         * PostgreSQL {@code work_mem} for the listing's hash aggregate, MB (default 256).
         *
         * @return MB.
         */
        public int sortMemoryMb()
        {
            return sortMemoryMb;
        }

        /**
         * PostgreSQL {@code work_mem} for the listing's hash aggregate.
         *
         * @param sortMemoryMb MB.
         * @return this.
         */
        public Context sortMemoryMb(final int sortMemoryMb)
        {
            this.sortMemoryMb = sortMemoryMb;
            return this;
        }

        /**
         * Test hook: halt the JVM (as a kill -9 would) after this many rows; 0 is off.
         *
         * @return rows, or 0.
         */
        public long haltAfterRows()
        {
            return haltAfterRows;
        }

        /**
         * Test hook: halt the JVM after this many rows.
         *
         * @param haltAfterRows rows, or 0 for off.
         * @return this.
         */
        public Context haltAfterRows(final long haltAfterRows)
        {
            this.haltAfterRows = haltAfterRows;
            return this;
        }

        /**
         * Equality helper for tests and logs.
         *
         * @return description.
         */
        public String describe()
        {
            return "lake=" + lakeDir + " datasets=" + datasets + " from=" + Objects.toString(from, "watermark") +
                " until=" + until + (force ? " force" : "");
        }
    }
}
