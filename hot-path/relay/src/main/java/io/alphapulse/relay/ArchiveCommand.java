/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.archive.ArchiveTool;
import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.PulseMediaDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pulse archive list|describe|verify}: the Archive's recordings.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Show the Archive's recordings: every collector stream and the merged stream, one recording per",
        "publication session (a restarted collector or relay starts a new one; nothing is overwritten).",
        "",
        "  list              every recording: id, stream, session, start and stop position and time, state",
        "                    (asks the running archive; without one, reads the archive directory)",
        "  describe ID       a recording's catalog entry and segment files (reads the archive directory)",
        "  verify [ID]       check the catalog and segment files of one or every recording; reports problems and",
        "                    changes nothing (run it with the media driver stopped for a consistent view)"
    })
public final class ArchiveCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "ACTION", description = "list, describe or verify.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "Recording id (describe, verify).")
    Long recordingId;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--archive-dir", paramLabel = "DIR",
        description = "Archive directory (default: aeron.archive.dir, ALPHAPULSE_ARCHIVE_DIR, or var/archive).")
    File archiveDir;

    /**
     * Run the action.
     *
     * @return exit code: 0, or 1 when verify finds a problem.
     */
    public Integer call()
    {
        final File dir = null != archiveDir ? archiveDir : new File(MediaDriverConfiguration.archiveDirectoryName());
        switch (action.toLowerCase(Locale.ROOT))
        {
            case "list":
                list(dir);
                return 0;

            case "describe":
                requireDir(dir);
                if (null == recordingId)
                {
                    throw new IllegalArgumentException("describe needs a recording id: pulse archive describe ID");
                }
                ArchiveTool.describeRecording(System.out, dir, recordingId);
                return 0;

            case "verify":
            {
                requireDir(dir);
                final boolean ok = null == recordingId ?
                    ArchiveTool.verify(System.out, dir, EnumSet.noneOf(ArchiveTool.VerifyOption.class), null,
                        (file) -> false) :
                    ArchiveTool.verifyRecording(System.out, dir, recordingId,
                        EnumSet.noneOf(ArchiveTool.VerifyOption.class), null, (file) -> false);
                System.out.println(ok ? "verify: every recording checked is valid" : "verify: problems found (above)");
                return ok ? 0 : 1;
            }

            default:
                throw new IllegalArgumentException("unknown action '" + action + "': use list, describe or verify");
        }
    }

    private void list(final File dir)
    {
        final String aeronDirectoryName = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        if (!MediaDriverConfiguration.driverPresent(aeronDirectoryName))
        {
            requireDir(dir);
            System.out.println("no media driver running in " + aeronDirectoryName + "; reading " + dir);
            ArchiveTool.describeAll(System.out, dir);
            return;
        }

        try (AeronArchive archive = AeronArchive.connect(PulseMediaDriver.archiveClientContext(aeronDirectoryName)))
        {
            System.out.printf("%6s %7s %11s %16s %16s %-24s %-24s %s%n",
                "id", "stream", "session", "start position", "stop position", "started", "stopped", "channel");
            final int count = archive.listRecordings(0, Integer.MAX_VALUE,
                (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition,
                initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
                originalChannel, sourceIdentity) -> System.out.printf("%6d %7d %11d %,16d %16s %-24s %-24s %s%n",
                    id, streamId, sessionId, startPosition,
                    AeronArchive.NULL_POSITION == stopPosition ? "recording" : String.format("%,d", stopPosition),
                    Instant.ofEpochMilli(startTimestamp),
                    AeronArchive.NULL_TIMESTAMP == stopTimestamp ? "-" : Instant.ofEpochMilli(stopTimestamp).toString(),
                    strippedChannel));
            System.out.println(count + " recordings");
        }
    }

    private static void requireDir(final File dir)
    {
        if (!new File(dir, "archive.catalog").exists())
        {
            throw new IllegalArgumentException("no archive catalog in " + dir.getAbsolutePath() +
                ": point --archive-dir at the archive directory (default var/archive)");
        }
    }
}
