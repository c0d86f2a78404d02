/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where things live in the lake, a hive layout DuckDB, Spark and pyarrow read as is:
 * <pre>
 *   &lt;lake&gt;/&lt;dataset&gt;/exchange=&lt;EXCHANGE&gt;/date=&lt;yyyy-mm-dd&gt;/part-&lt;n&gt;.parquet
 *   &lt;lake&gt;/&lt;dataset&gt;/exchange=&lt;EXCHANGE&gt;/date=&lt;yyyy-mm-dd&gt;/_manifest.json
 * </pre>
 * Files are written under a hidden temporary name ({@code .part-0.parquet.tmp}) and renamed atomically, so a reader
 * globbing {@code *.parquet} never sees a partial file.
 */
public final class LakeLayout
{
    /**
     * Default lake directory, relative to the working directory.
     */
    public static final String LAKE_DIR_DEFAULT = "var/lake";

    /**
     * Name of a partition's manifest.
     */
    public static final String MANIFEST_NAME = "_manifest.json";

    /**
     * Suffix of files being written.
     */
    public static final String TEMP_SUFFIX = ".tmp";

    private LakeLayout()
    {
    }

    /**
     * A dataset's directory.
     *
     * @param lakeDir lake.
     * @param dataset dataset name.
     * @return directory.
     */
    public static Path datasetDir(final Path lakeDir, final String dataset)
    {
        return lakeDir.resolve(dataset);
    }

    /**
     * A partition's directory.
     *
     * @param lakeDir  lake.
     * @param dataset  dataset name.
     * @param exchange exchange.
     * @param date     UTC day.
     * @return directory.
     */
    public static Path partitionDir(final Path lakeDir, final String dataset, final String exchange,
        final LocalDate date)
    {
        return lakeDir.resolve(dataset).resolve("exchange=" + exchange).resolve("date=" + date);
    }

    /**
     * Name of the n-th data file of a partition.
     *
     * @param n part number from 0.
     * @return file name.
     */
    public static String partName(final int n)
    {
        return "part-" + n + ".parquet";
    }

    /**
     * Temporary name while a file is written.
     *
     * @param name final name.
     * @return hidden temporary name.
     */
    public static String tempName(final String name)
    {
        return "." + name + TEMP_SUFFIX;
    }

    /**
     * The glob DuckDB reads a dataset with.
     *
     * @param lakeDir lake.
     * @param dataset dataset name.
     * @return glob.
     */
    public static String glob(final Path lakeDir, final String dataset)
    {
        return lakeDir.toAbsolutePath().normalize().resolve(dataset) + "/*/*/*.parquet";
    }
}
