/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;

import java.io.File;

/**
 * Property names, environment variables and defaults for the media driver and archive, shared by every process
 * that connects to them, so that all of them agree on where the driver lives without being told.
 * <p>
 * Precedence (highest first): command-line option or explicit setter, configuration file, system property,
 * environment variable, default.
 */
public final class MediaDriverConfiguration
{
    /**
     * Profile name: {@code shared} or {@code low-latency}.
     */
    public static final String PROFILE_PROP_NAME = "alphapulse.profile";

    /**
     * Environment variable for {@link #PROFILE_PROP_NAME}.
     */
    public static final String PROFILE_ENV_NAME = "ALPHAPULSE_PROFILE";

    /**
     * Default profile: fits a shared machine with two cores.
     */
    public static final String PROFILE_DEFAULT = "shared";

    /**
     * Aeron directory (CnC file, log buffers, counters). Aeron's own property name, so Aeron tools agree.
     */
    public static final String AERON_DIR_PROP_NAME = CommonContext.AERON_DIR_PROP_NAME;

    /**
     * Environment variable for {@link #AERON_DIR_PROP_NAME}.
     */
    public static final String AERON_DIR_ENV_NAME = "ALPHAPULSE_AERON_DIR";

    /**
     * Archive directory (recordings and catalog). Aeron's own property name.
     */
    public static final String ARCHIVE_DIR_PROP_NAME = "aeron.archive.dir";

    /**
     * Environment variable for {@link #ARCHIVE_DIR_PROP_NAME}.
     */
    public static final String ARCHIVE_DIR_ENV_NAME = "ALPHAPULSE_ARCHIVE_DIR";

    /**
     * Default archive directory, relative to the working directory.
     */
    public static final String ARCHIVE_DIR_DEFAULT = "var" + File.separator + "archive";

    /**
     * Archive control channel for remote clients (UDP). Unset by default: clients on the same host use the archive's
     * IPC control channel and nothing listens on the network.
     */
    public static final String ARCHIVE_CONTROL_CHANNEL_PROP_NAME = "alphapulse.archive.control.channel";

    /**
     * Environment variable for {@link #ARCHIVE_CONTROL_CHANNEL_PROP_NAME}.
     */
    public static final String ARCHIVE_CONTROL_CHANNEL_ENV_NAME = "ALPHAPULSE_ARCHIVE_CONTROL_CHANNEL";

    /**
     * Channel the archive uses to replicate recordings; an ephemeral port on localhost by default.
     */
    public static final String ARCHIVE_REPLICATION_CHANNEL_DEFAULT = "aeron:udp?endpoint=localhost:0";

    /**
     * How long an untethered subscriber (the bridge) may hold a publication's window before it is let go: short, so
     * a stopped dashboard consumer delays the engine's feed by at most this much. Aeron's default is 5 s, in which a
     * relay at full rate would fill its window many times over. {@code aeron.untethered.window.limit.timeout}
     * overrides it.
     */
    public static final long UNTETHERED_WINDOW_LIMIT_TIMEOUT_NS_DEFAULT = 200_000_000L;

    /**
     * The driver conductor's timer interval, which paces the untethered checks (Aeron requires it to be shorter than
     * {@link #UNTETHERED_WINDOW_LIMIT_TIMEOUT_NS_DEFAULT}; Aeron's default is 1 s). {@code aeron.timer.interval}
     * overrides it.
     */
    public static final long TIMER_INTERVAL_NS_DEFAULT = 50_000_000L;

    /**
     * How long a let-go untethered subscriber rests before it rejoins at the live position.
     * {@code aeron.untethered.resting.timeout} overrides it.
     */
    public static final long UNTETHERED_RESTING_TIMEOUT_NS_DEFAULT = 1_000_000_000L;

    /**
     * Control channel for clients on the same host.
     */
    public static final String LOCAL_CONTROL_CHANNEL = "aeron:ipc";

    private MediaDriverConfiguration()
    {
    }

    /**
     * The configured profile.
     *
     * @return the configured profile.
     */
    public static Profile profile()
    {
        return Profile.fromName(property(PROFILE_PROP_NAME, PROFILE_ENV_NAME, PROFILE_DEFAULT));
    }

    /**
     * The configured Aeron directory. The default is {@code alphapulse-<user>} in {@code /dev/shm} where it exists
     * (log buffers in memory) or in the temporary directory, so the system does not share Aeron's default directory
     * with other Aeron programs on the host.
     *
     * @return the configured Aeron directory.
     */
    public static String aeronDirectoryName()
    {
        return property(AERON_DIR_PROP_NAME, AERON_DIR_ENV_NAME, defaultAeronDirectoryName());
    }

    /**
     * The configured archive directory.
     *
     * @return the configured archive directory.
     */
    public static String archiveDirectoryName()
    {
        return property(ARCHIVE_DIR_PROP_NAME, ARCHIVE_DIR_ENV_NAME, ARCHIVE_DIR_DEFAULT);
    }

    /**
     * The configured UDP archive control channel, or null when only local (IPC) control is enabled.
     *
     * @return the configured UDP archive control channel, or null.
     */
    public static String archiveControlChannel()
    {
        return property(ARCHIVE_CONTROL_CHANNEL_PROP_NAME, ARCHIVE_CONTROL_CHANNEL_ENV_NAME, null);
    }

    /**
     * Whether a media driver has been started in a directory (its CnC file exists).
     *
     * @param aeronDirectoryName Aeron directory.
     * @return true when there is a CnC file.
     */
    public static boolean driverPresent(final String aeronDirectoryName)
    {
        return new File(aeronDirectoryName, CncFileDescriptor.CNC_FILE).exists();
    }

    /**
     * Fail with a message that says what to do when no media driver has been started in a directory.
     *
     * @param aeronDirectoryName Aeron directory.
     * @throws IllegalArgumentException naming the directory.
     */
    public static void requireDriver(final String aeronDirectoryName)
    {
        if (!driverPresent(aeronDirectoryName))
        {
            throw new IllegalArgumentException("no media driver in " + aeronDirectoryName +
                ": start one with `ops/pulse media-driver`, or point --aeron-dir at it");
        }
    }

    /**
     * Default Aeron directory for this user.
     *
     * @return default Aeron directory for this user.
     */
    public static String defaultAeronDirectoryName()
    {
        final File shm = new File("/dev/shm");
        final String base = shm.isDirectory() && shm.canWrite() ? shm.getPath() : System.getProperty("java.io.tmpdir");
        return base + File.separator + "alphapulse-" + System.getProperty("user.name", "default");
    }

    /**
     * Look a setting up as a system property, then as an environment variable, then fall back to the default.
     *
     * @param propName     system property name.
     * @param envName      environment variable name.
     * @param defaultValue value when neither is set; may be null.
     * @return the value found, or the default.
     */
    public static String property(final String propName, final String envName, final String defaultValue)
    {
        final String fromProperty = System.getProperty(propName);
        if (null != fromProperty && !fromProperty.isBlank())
        {
            return fromProperty;
        }

        final String fromEnv = System.getenv(envName);
        if (null != fromEnv && !fromEnv.isBlank())
        {
            return fromEnv;
        }

        return defaultValue;
    }
}
