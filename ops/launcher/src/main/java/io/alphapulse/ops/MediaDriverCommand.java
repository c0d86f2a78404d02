/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code pulse media-driver}: the standalone media driver with Aeron Archive.
 */
@Command(
    name = "media-driver",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Run the Aeron media driver with Aeron Archive in this process until Ctrl-C or SIGTERM.",
        "Prints its effective configuration at start. Every other process connects to it through the Aeron dir.",
        "",
        "Profiles:",
        "  shared       (default) one driver thread and one archive thread that back off when idle: right for",
        "               a laptop, a CI runner or any machine with few cores.",
        "  low-latency  dedicated busy-spinning threads (driver conductor, sender, receiver; archive recorder,",
        "               replayer): lowest latency, but each thread wants a core of its own."
    })
final class MediaDriverCommand implements Callable<Integer>
{
    @Option(names = "--profile", paramLabel = "NAME",
        description = "shared or low-latency (default: ${sys:alphapulse.profile:-${env:ALPHAPULSE_PROFILE:-shared}}).")
    String profile;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--archive-dir", paramLabel = "DIR",
        description = "Archive directory (default: aeron.archive.dir, ALPHAPULSE_ARCHIVE_DIR, or var/archive).")
    String archiveDir;

    @Option(names = "--archive-control-channel", paramLabel = "URI",
        description = "Also accept archive clients from other hosts on this UDP channel, " +
            "e.g. aeron:udp?endpoint=10.0.0.5:8010 (default: local IPC control only).")
    String archiveControlChannel;

    @Option(names = "--keep-aeron-dir",
        description = "Keep the Aeron directory on shutdown (for post-mortem with AeronStat/ErrorStat).")
    boolean keepAeronDir;

    public Integer call()
    {
        final PulseMediaDriver.Context ctx = new PulseMediaDriver.Context()
            .profile(null == profile ? MediaDriverConfiguration.profile() : Profile.fromName(profile))
            .aeronDirectoryName(aeronDir)
            .archiveDirectoryName(archiveDir)
            .deleteDirsOnShutdown(!keepAeronDir);
        if (null != archiveControlChannel)
        {
            ctx.archiveControlChannel(archiveControlChannel);
        }

        PulseMediaDriver.runUntilShutdown(ctx, System.out);
        return 0;
    }
}
