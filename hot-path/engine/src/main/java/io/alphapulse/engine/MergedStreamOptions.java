/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.StreamIds;
import picocli.CommandLine.Option;

/**
 * Options of a process whose agent reads the merged stream ({@code pulse engine}, {@code venue}): the stream and the
 * profile that picks its idle strategy. A picocli mixin.
 */
public final class MergedStreamOptions
{
    @Option(names = "--channel", description = "Merged stream channel (default: ${DEFAULT-VALUE}).")
    String channel = StreamIds.MERGED_CHANNEL;

    @Option(names = "--stream", description = "Merged stream id (default: ${DEFAULT-VALUE}).")
    int stream = StreamIds.MERGED;

    @Option(names = "--profile", paramLabel = "NAME", description = "shared (default) or low-latency.")
    String profile;

    /**
     * Merged stream channel.
     *
     * @return channel.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * Merged stream id.
     *
     * @return stream id.
     */
    public int stream()
    {
        return stream;
    }

    /**
     * The profile: the option, else the configured default.
     *
     * @return profile.
     */
    public Profile profile()
    {
        return null == profile ? MediaDriverConfiguration.profile() : Profile.fromName(profile);
    }
}
