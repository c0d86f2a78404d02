/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of an export: a live bar with rows/s on a terminal, plain lines (one per partition, and at most one every
 * few seconds within a large one) otherwise, so logs and CI output stay readable.
 */
public interface ExportProgress
{
    /**
     * A dataset starts.
     *
     * @param dataset    dataset.
     * @param partitions partitions to export.
     * @param skipped    partitions already exported and unchanged.
     * @param rows       rows to export.
     */
    void datasetStarted(String dataset, int partitions, int skipped, long rows);

    /**
     * Rows written.
     *
     * @param rows rows since the last call.
     */
    void rowsWritten(long rows);

    /**
     * A partition is committed.
     *
     * @param dataset   dataset.
     * @param partition {@code exchange=X/date=D}.
     * @param rows      rows in it.
     * @param nanos     time it took.
     */
    void partitionDone(String dataset, String partition, long rows, long nanos);

    /**
     * The dataset is done.
     *
     * @param dataset dataset.
     */
    void datasetDone(String dataset);

    /**
     * The progress for a stream: a bar when it is a terminal, else plain lines.
     *
     * @param out        destination.
     * @param isTerminal whether {@code out} is an interactive terminal.
     * @return progress.
     */
    static ExportProgress forStream(final PrintStream out, final boolean isTerminal)
    {
        return isTerminal ? new Bar(out) : new Lines(out, Duration.ofSeconds(5).toNanos());
    }

    /**
     * Rows per second as text.
     *
     * @param rows  rows.
     * @param nanos nanoseconds.
     * @return e.g. {@code 1,234,567 rows/s}.
     */
    static String rate(final long rows, final long nanos)
    {
        return String.format(Locale.ROOT, "%,.0f rows/s", nanos <= 0 ? 0.0 : rows * 1e9 / nanos);
    }

    /**
     * Plain progress lines.
     */
    final class Lines implements ExportProgress
    {
        private final PrintStream out;
        private final long intervalNs;
        private long datasetRows;
        private long datasetStartNs;
        private long written;
        private long lastLineNs;

        Lines(final PrintStream out, final long intervalNs)
        {
            this.out = out;
            this.intervalNs = intervalNs;
        }

        /**
         * {@inheritDoc}
         */
        public void datasetStarted(final String dataset, final int partitions, final int skipped, final long rows)
        {
            datasetRows = rows;
            written = 0;
            datasetStartNs = System.nanoTime();
            lastLineNs = datasetStartNs;
            out.printf(Locale.ROOT, "export %s: %d partition(s) to write (%,d rows), %d up to date%n",
                dataset, partitions, rows, skipped);
        }

        /**
         * {@inheritDoc}
         */
        public void rowsWritten(final long rows)
        {
            written += rows;
            final long nowNs = System.nanoTime();
            if (nowNs - lastLineNs >= intervalNs)
            {
                lastLineNs = nowNs;
                out.printf(Locale.ROOT, "  %,d / %,d rows (%s)%n", written, datasetRows,
                    rate(written, nowNs - datasetStartNs));
            }
        }

        /**
         * {@inheritDoc}
         */
        public void partitionDone(final String dataset, final String partition, final long rows, final long nanos)
        {
            out.printf(Locale.ROOT, "  %s/%s: %,d rows in %.2f s (%s)%n", dataset, partition, rows, nanos / 1e9,
                rate(rows, nanos));
        }

        /**
         * {@inheritDoc}
         */
        public void datasetDone(final String dataset)
        {
            final long nanos = System.nanoTime() - datasetStartNs;
            out.printf(Locale.ROOT, "export %s: done, %,d rows in %.2f s (%s)%n", dataset, written, nanos / 1e9,
                rate(written, nanos));
        }
    }

    /**
     * A terminal progress bar (me.tongfei:progressbar) with rows/s.
     */
    final class Bar implements ExportProgress
    {
        private final PrintStream out;
        private ProgressBar bar;

        Bar(final PrintStream out)
        {
            this.out = out;
        }

        /**
         * {@inheritDoc}
         */
        public void datasetStarted(final String dataset, final int partitions, final int skipped, final long rows)
        {
            out.printf(Locale.ROOT, "export %s: %d partition(s) to write, %d up to date%n", dataset, partitions,
                skipped);
            bar = new ProgressBarBuilder()
                .setTaskName(dataset)
                .setInitialMax(rows)
                .setUnit(" rows", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .build();
        }

        /**
         * {@inheritDoc}
         */
        public void rowsWritten(final long rows)
        {
            bar.stepBy(rows);
        }

        /**
         * {@inheritDoc}
         */
        public void partitionDone(final String dataset, final String partition, final long rows, final long nanos)
        {
            bar.setExtraMessage(partition);
        }

        /**
         * {@inheritDoc}
         */
        public void datasetDone(final String dataset)
        {
            bar.close();
        }
    }
}
