/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.archive.ArchiveMarkFile;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.ProcessErrorLog;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorLogReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pulse errors}: the distinct error logs of the media driver, the archive and every process of the system,
 * read from their files without connecting, like Aeron's ErrorStat.
 */
@Command(
    name = "errors",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Print every distinct error with its count and first and last times, from:",
        "  the media driver's error log (cnc.dat in the Aeron directory),",
        "  the archive's error log (archive-mark.dat in the archive directory),",
        "  each process's own error log (<aeron dir>/alphapulse-errors/<role>-<pid>.errors; collectors, relay, ...).",
        "Works from another terminal against a running system, and after the processes have stopped, as long as the",
        "Aeron directory is there."
    })
final class ErrorsCommand implements Callable<Integer>
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--archive-dir", paramLabel = "DIR",
        description = "Archive directory (default: aeron.archive.dir, ALPHAPULSE_ARCHIVE_DIR, or var/archive).")
    String archiveDir;

    @Option(names = "--brief", description = "One line per distinct error (the exception line, no stack trace).")
    boolean brief;

    public Integer call()
    {
        final String dir = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        final String archive = null != archiveDir ? archiveDir : MediaDriverConfiguration.archiveDirectoryName();
        final PrintStream out = System.out;
        if (!new File(dir).isDirectory())
        {
            throw new IllegalArgumentException("no Aeron directory " + dir +
                ": point --aeron-dir at the directory the media driver (or the demo) printed");
        }

        final List<Source> sources = sources(dir, archive);
        int total = 0;
        for (final Source source : sources)
        {
            total += print(out, source);
        }
        out.println(total + " distinct error" + (1 == total ? "" : "s") + " in " + sources.size() + " error log" +
            (1 == sources.size() ? "" : "s"));
        return 0;
    }

    /**
     * One error log.
     *
     * @param name   what it belongs to.
     * @param buffer its buffer.
     * @param unmap  releases it.
     */
    record Source(String name, AtomicBuffer buffer, Runnable unmap)
    {
    }

    /**
     * Every error log of a driver's directory and an archive directory.
     *
     * @param aeronDirectoryName Aeron directory.
     * @param archiveDirectoryName archive directory, may not exist.
     * @return the logs found; unmap each when done.
     */
    static List<Source> sources(final String aeronDirectoryName, final String archiveDirectoryName)
    {
        final List<Source> sources = new ArrayList<>();
        final CncCounters cnc = CncCounters.mapOrNull(aeronDirectoryName);
        if (null != cnc)
        {
            sources.add(new Source("media driver (" + aeronDirectoryName + "/cnc.dat)", cnc.errorLog(), cnc::close));
        }

        final File archiveDir = new File(archiveDirectoryName);
        if (new File(archiveDir, ArchiveMarkFile.FILENAME).exists())
        {
            try
            {
                final ArchiveMarkFile markFile = new ArchiveMarkFile(
                    archiveDir, ArchiveMarkFile.FILENAME, SystemEpochClock.INSTANCE, 0, (message) -> {});
                sources.add(new Source("archive (" + archiveDir.getPath() + "/" + ArchiveMarkFile.FILENAME + ")",
                    markFile.errorBuffer(), markFile::close));
            }
            catch (final RuntimeException ex)
            {
                System.err.println("pulse errors: cannot read the archive's error log in " + archiveDir + ": " + ex);
            }
        }

        final File[] files = new File(aeronDirectoryName, ProcessErrorLog.DIRECTORY_NAME).listFiles(
            (d, name) -> name.endsWith(ProcessErrorLog.FILE_SUFFIX));
        if (null != files)
        {
            Arrays.sort(files);
            for (final File file : files)
            {
                final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "error log");
                sources.add(new Source(processName(file), new UnsafeBuffer(mapped), () -> IoUtil.unmap(mapped)));
            }
        }
        return sources;
    }

    private static String processName(final File file)
    {
        final String name = file.getName().substring(0, file.getName().length() - ProcessErrorLog.FILE_SUFFIX.length());
        final int dash = name.lastIndexOf('-');
        String state = "";
        if (dash > 0)
        {
            try
            {
                final long pid = Long.parseLong(name.substring(dash + 1));
                state = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? ", running" : ", exited";
                return name.substring(0, dash) + " (pid " + pid + state + ")";
            }
            catch (final NumberFormatException ignore)
            {
                // Not one of ours: show the name as it is.
            }
        }
        return name;
    }

    private int print(final PrintStream out, final Source source)
    {
        try
        {
            out.println("== " + source.name());
            final int count = ErrorLogReader.read(source.buffer(),
                (observationCount, firstTimestamp, lastTimestamp, encodedException) ->
                {
                    out.printf("%,d observation%s from %s to %s%n", observationCount, 1 == observationCount ? "" : "s",
                        Instant.ofEpochMilli(firstTimestamp), Instant.ofEpochMilli(lastTimestamp));
                    if (brief)
                    {
                        out.println("  " + encodedException.lines().findFirst().orElse(""));
                    }
                    else
                    {
                        encodedException.lines().forEach((line) -> out.println("  " + line));
                    }
                });
            if (0 == count)
            {
                out.println("no errors");
            }
            out.println();
            return count;
        }
        finally
        {
            source.unmap().run();
        }
    }
}
