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
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
        int[] maxScale;
        BigDecimal[] maxAbs;
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
     */
    public record DatasetResult(
        String dataset, int partitionsWritten, int partitionsSkipped, long rows, long bytes, long nanos,
        String skippedReason)
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
     * Export every selected dataset.
     *
     * @param connection the database (autocommit on).
     * @return one result per dataset.
     * @throws SQLException on a database error.
     * @throws IOException  on a file error.
     */
    public List<DatasetResult> run(final Connection connection) throws SQLException, IOException
    {
        loadInstruments(connection);
        final List<DatasetResult> results = new ArrayList<>();
        try (Statement statement = connection.createStatement())
        {
            // Each part is sorted by PostgreSQL for a total order: in memory, not in temporary files.
            statement.execute("set work_mem = '" + ctx.sortMemoryMb() + "MB'");
        }
        try
        {
            for (final String name : ctx.datasets())
            {
                final Dataset dataset = Dataset.resolve(connection, name);
                if (null == dataset)
                {
                    results.add(new DatasetResult(name, 0, 0, 0, 0, 0,
                        "no table '" + name + "' in the database yet (the trading projector creates it, issue 6)"));
                    continue;
                }
                results.add(export(connection, dataset));
            }
        }
        finally
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("reset work_mem");
            }
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
        final List<Partition> partitions = list(connection, dataset, from, until);

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
        long rows = 0;
        long bytes = 0;
        for (final Partition partition : toWrite)
        {
            final long partitionStartNs = System.nanoTime();
            final PartitionManifest manifest = writePartition(connection, dataset, partition);
            record(connection, lakeKey(), dataset, manifest);
            rows += manifest.rows();
            for (final PartitionManifest.FileEntry file : manifest.files())
            {
                bytes += file.bytes();
            }
            ctx.progress().partitionDone(dataset.name(), partition.label(), manifest.rows(),
                System.nanoTime() - partitionStartNs);
        }
        if (null == from || until.isAfter(from))
        {
            setWatermark(connection, lakeKey(), dataset.name(), until);
        }
        ctx.progress().datasetDone(dataset.name());
        LOGGER.info("export {}: {} partitions written, {} up to date, {} rows", dataset.name(), toWrite.size(),
            skipped, rows);
        return new DatasetResult(dataset.name(), toWrite.size(), skipped, rows, bytes, System.nanoTime() - startNs,
            null);
    }

    private List<Partition> list(
        final Connection connection, final Dataset dataset, final LocalDate from, final LocalDate until)
        throws SQLException
    {
        final List<Column> decimals = decimalColumns(dataset);
        final StringBuilder sql = new StringBuilder("select ")
            .append(exchangeExpression(dataset)).append(", (").append(dataset.timeColumn())
            .append(" at time zone 'UTC')::date, ")
            .append(dataset.byInstrument() ? "instrument_id" : "null::int4").append(", count(*)");
        for (final Column column : decimals)
        {
            sql.append(", max(scale(").append(column.name()).append(")), max(abs(").append(column.name())
                .append("))");
        }
        sql.append(" from ").append(dataset.table()).append(" where ").append(dataset.timeColumn())
            .append(" < ?");
        if (null != from)
        {
            sql.append(" and ").append(dataset.timeColumn()).append(" >= ?");
        }
        sql.append(" group by 1, 2, 3 order by 1, 2, 3 nulls first");

        final Map<String, Partition> partitions = new LinkedHashMap<>();
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
                    group.maxScale = new int[decimals.size()];
                    group.maxAbs = new BigDecimal[decimals.size()];
                    for (int i = 0; i < decimals.size(); i++)
                    {
                        group.maxScale[i] = rs.getInt(5 + 2 * i);
                        group.maxAbs[i] = rs.getBigDecimal(6 + 2 * i);
                    }
                    partition.groups.add(group);
                    partition.rows += group.rows;
                }
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
     * The files of one partition: instruments grouped by their scales, one file per group, in a fixed order.
     */
    private PartitionManifest writePartition(
        final Connection connection, final Dataset dataset, final Partition partition)
        throws SQLException, IOException
    {
        final Path dir = LakeLayout.partitionDir(ctx.lakeDir(), dataset.name(), partition.exchange, partition.day);
        Files.createDirectories(dir);
        deleteMatching(dir, (name) -> name.startsWith(".") && name.endsWith(LakeLayout.TEMP_SUFFIX));

        final List<Column> decimals = decimalColumns(dataset);
        final TreeMap<List<Integer>, List<Group>> parts = new TreeMap<>(LakeExporter::compareKeys);
        for (final Group group : partition.groups)
        {
            final List<Integer> key = new ArrayList<>();
            for (int i = 0; i < decimals.size(); i++)
            {
                final ColumnKind kind = decimals.get(i).kind();
                if (kind != ColumnKind.DECIMAL_OBSERVED)
                {
                    key.add(Math.max(group.maxScale[i], instrumentScale(partition.exchange, group.instrumentId,
                        kind)));
                }
            }
            parts.computeIfAbsent(key, (k) -> new ArrayList<>()).add(group);
        }

        final List<PartitionManifest.FileEntry> files = new ArrayList<>();
        long rows = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        int n = 0;
        for (final Map.Entry<List<Integer>, List<Group>> part : parts.entrySet())
        {
            final List<PartColumn> columns = partColumns(dataset, decimals, part.getKey(), part.getValue());
            final String name = LakeLayout.partName(n++);
            final Path temp = dir.resolve(LakeLayout.tempName(name));
            final long[] written = writePart(connection, dataset, partition, part.getValue(), columns, temp);
            final Path file = dir.resolve(name);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            final List<Integer> ids = new ArrayList<>();
            for (final Group group : part.getValue())
            {
                ids.add(group.instrumentId);
            }
            final List<String> types = new ArrayList<>();
            for (final PartColumn column : columns)
            {
                types.add(column.name() + " " + column.typeName());
            }
            files.add(new PartitionManifest.FileEntry(name, written[0], Files.size(file),
                PartitionManifest.sha256(file), dataset.byInstrument() ? ids : List.of(), types));
            rows += written[0];
            if (written[0] > 0)
            {
                minTime = Math.min(minTime, written[1]);
                maxTime = Math.max(maxTime, written[2]);
            }
        }

        final Set<String> keep = new HashSet<>();
        for (final PartitionManifest.FileEntry file : files)
        {
            keep.add(file.name());
        }
        deleteMatching(dir, (name) -> name.endsWith(".parquet") && !keep.contains(name));

        final PartitionManifest manifest = new PartitionManifest(dataset.name(), partition.exchange,
            partition.day.toString(), rows, rows > 0 ? PartitionManifest.isoMicros(minTime) : null,
            rows > 0 ? PartitionManifest.isoMicros(maxTime) : null, PartitionManifest.combinedChecksum(files),
            files);
        final Path manifestTemp = dir.resolve(LakeLayout.tempName(LakeLayout.MANIFEST_NAME));
        Files.write(manifestTemp, manifest.toJson());
        Files.move(manifestTemp, dir.resolve(LakeLayout.MANIFEST_NAME), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    private List<PartColumn> partColumns(
        final Dataset dataset, final List<Column> decimals, final List<Integer> key, final List<Group> groups)
    {
        final List<PartColumn> columns = new ArrayList<>();
        int keyIndex = 0;
        for (final Column column : dataset.columns())
        {
            if (!column.kind().isDecimal())
            {
                columns.add(new PartColumn(column, 0, 0));
                continue;
            }
            final int d = decimals.indexOf(column);
            final int scale;
            if (column.kind() == ColumnKind.DECIMAL_OBSERVED)
            {
                int max = 0;
                for (final Group group : groups)
                {
                    max = Math.max(max, group.maxScale[d]);
                }
                scale = max;
            }
            else
            {
                scale = key.get(keyIndex++);
            }
            BigDecimal maxAbs = BigDecimal.ZERO;
            for (final Group group : groups)
            {
                if (null != group.maxAbs[d] && group.maxAbs[d].compareTo(maxAbs) > 0)
                {
                    maxAbs = group.maxAbs[d];
                }
            }
            final BigInteger unscaled = maxAbs.setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue();
            final int digits = unscaled.signum() == 0 ? 1 : unscaled.toString().length();
            if (digits > PartColumn.WIDE_PRECISION)
            {
                throw new IllegalStateException(dataset.name() + "." + column.name() + " value " + maxAbs +
                    " needs " + digits + " digits at scale " + scale + ": more than DECIMAL(38) holds");
            }
            columns.add(new PartColumn(column, scale,
                digits <= PartColumn.LONG_PRECISION ? PartColumn.LONG_PRECISION : PartColumn.WIDE_PRECISION));
        }
        return columns;
    }

    /**
     * Stream one part's rows from PostgreSQL (binary COPY) into a Parquet file.
     *
     * @return rows written, min and max of the time column (micros).
     */
    private long[] writePart(
        final Connection connection,
        final Dataset dataset,
        final Partition partition,
        final List<Group> groups,
        final List<PartColumn> columns,
        final Path file) throws SQLException, IOException
    {
        final List<PartColumn> selected = new ArrayList<>();
        for (final PartColumn column : columns)
        {
            if (column.kind() != ColumnKind.SYMBOL)
            {
                selected.add(column);
            }
        }
        final int[] target = new int[selected.size()];
        int instrumentSelected = -1;
        int instrumentTarget = -1;
        int symbolTarget = -1;
        for (int i = 0, s = 0; i < columns.size(); i++)
        {
            final PartColumn column = columns.get(i);
            if (column.kind() == ColumnKind.SYMBOL)
            {
                symbolTarget = i;
                continue;
            }
            if ("instrument_id".equals(column.name()))
            {
                instrumentSelected = s;
                instrumentTarget = i;
            }
            target[s++] = i;
        }

        final String sql = copySql(dataset, partition, groups, selected, instrumentSelected);
        final Map<Long, Binary> symbols = new HashMap<>();
        final RowWriteSupport.Row row = new RowWriteSupport.Row(columns.size());
        long rows = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        long pendingProgress = 0;
        try (PartWriter writer = new PartWriter(file, dataset.name(), columns, ctx.rowGroupBytes(),
            ctx.rowGroupRows());
            PGCopyInputStream in = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql))
        {
            final PgCopyReader reader = new PgCopyReader(in);
            while (reader.nextTuple() >= 0)
            {
                for (int s = 0; s < target.length; s++)
                {
                    final int t = target[s];
                    final int length = reader.fieldLength();
                    if (length < 0)
                    {
                        row.nulls[t] = true;
                        continue;
                    }
                    row.nulls[t] = false;
                    final PartColumn column = columns.get(t);
                    switch (column.kind())
                    {
                        case TIMESTAMP -> row.longs[t] = reader.readLong() + PgCopyReader.PG_EPOCH_OFFSET_US;
                        case INT32, INT64, BOOLEAN -> row.longs[t] = reader.readInteger(length);
                        case STRING -> row.binaries[t] = Binary.fromConstantByteArray(reader.readBytes(length));
                        default ->
                        {
                            if (column.isWideDecimal())
                            {
                                final String text = new String(reader.readBytes(length), StandardCharsets.US_ASCII);
                                row.binaries[t] = Binary.fromConstantByteArray(toFixed16(new BigInteger(text)));
                            }
                            else
                            {
                                row.longs[t] = reader.readLong();
                            }
                        }
                    }
                }
                if (symbolTarget >= 0)
                {
                    row.nulls[symbolTarget] = true;
                    if (instrumentTarget >= 0 && !row.nulls[instrumentTarget])
                    {
                        final long id = row.longs[instrumentTarget];
                        final Binary symbol = symbols.computeIfAbsent(id, (key) ->
                        {
                            final Instrument instrument = instruments.get(partition.exchange + "|" + key);
                            return null == instrument ? null : Binary.fromString(instrument.symbol());
                        });
                        if (null != symbol)
                        {
                            row.nulls[symbolTarget] = false;
                            row.binaries[symbolTarget] = symbol;
                        }
                    }
                }
                writer.write(row);
                final long time = row.longs[0];
                minTime = Math.min(minTime, time);
                maxTime = Math.max(maxTime, time);
                rows++;
                if (++pendingProgress == 65_536)
                {
                    ctx.progress().rowsWritten(pendingProgress);
                    pendingProgress = 0;
                }
                if (ctx.haltAfterRows() > 0 && ++rowsSinceStart >= ctx.haltAfterRows())
                {
                    // Test hook: die as a kill -9 would, mid-file, with no clean-up.
                    Runtime.getRuntime().halt(137);
                }
            }
        }
        ctx.progress().rowsWritten(pendingProgress);
        return new long[]{rows, minTime, maxTime};
    }

    private String copySql(
        final Dataset dataset,
        final Partition partition,
        final List<Group> groups,
        final List<PartColumn> selected,
        final int instrumentSelected)
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
        sql.append(" order by ");
        if (instrumentSelected >= 0)
        {
            sql.append(instrumentSelected + 1).append(" nulls first, ");
        }
        sql.append("1");
        for (int i = 1; i < selected.size(); i++)
        {
            if (i != instrumentSelected)
            {
                sql.append(", ").append(i + 1);
            }
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
            default ->
            {
                // Exact by construction: the listing found no value with more places than the scale. A value
                // added since with more places divides by zero here rather than being rounded.
                final String scaled = "(case when scale(" + name + ") <= " + column.scale() + " then " + name +
                    " * 1" + "0".repeat(column.scale()) + " else " + name + " / 0 end)";
                yield column.isWideDecimal() ? scaled + "::numeric(38,0)::text" : scaled + "::int8";
            }
        };
    }

    private static byte[] toFixed16(final BigInteger value)
    {
        final byte[] bytes = value.toByteArray();
        final byte[] fixed = new byte[16];
        final byte pad = (byte)(value.signum() < 0 ? 0xFF : 0);
        java.util.Arrays.fill(fixed, 0, 16 - bytes.length, pad);
        System.arraycopy(bytes, 0, fixed, 16 - bytes.length, bytes.length);
        return fixed;
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
         * PostgreSQL {@code work_mem} for the export's sorts, MB (default 256).
         *
         * @return MB.
         */
        public int sortMemoryMb()
        {
            return sortMemoryMb;
        }

        /**
         * PostgreSQL {@code work_mem} for the export's sorts.
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
