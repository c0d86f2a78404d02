/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * How the media driver, the archive and the system's own agents use threads and CPU.
 * <p>
 * {@link #SHARED} is the default and fits a shared machine with few cores: one driver thread, one archive thread,
 * and idle strategies that back off to parking when there is no work. {@link #LOW_LATENCY} gives every agent its own
 * thread and busy-spins; use it only where each spinning thread has a core of its own (see README, "Profiles").
 */
public enum Profile
{
    /**
     * Shared threading and backing-off idle strategies.
     */
    SHARED("shared"),

    /**
     * Dedicated threads that busy-spin.
     */
    LOW_LATENCY("low-latency");

    /**
     * Backoff used by the shared profile: 20 spins and 200 yields (a couple of hundred microseconds), then parking
     * from 1 us up to 1 ms. An agent fed every few microseconds never reaches the park, whose real duration on a
     * busy VM is tens of microseconds (measured: relay p50 at 100k msg/s fell from 67 us with 5 yields to 3.3 us),
     * while an idle agent still sleeps within a fraction of a millisecond.
     */
    private static final long MIN_PARK_PERIOD_NS = 1_000L;
    private static final long MAX_PARK_PERIOD_NS = 1_000_000L;
    private static final long MAX_SPINS = 20L;
    private static final long MAX_YIELDS = 200L;

    private final String profileName;

    Profile(final String profileName)
    {
        this.profileName = profileName;
    }

    /**
     * The name used in configuration and on the command line.
     *
     * @return the name used in configuration and on the command line.
     */
    public String profileName()
    {
        return profileName;
    }

    /**
     * Idle strategy for one of the system's own agents (collector, relay, engine, ...) in this profile.
     *
     * @return a new idle strategy instance.
     */
    public IdleStrategy agentIdleStrategy()
    {
        return this == LOW_LATENCY ?
            new BusySpinIdleStrategy() :
            new BackoffIdleStrategy(MAX_SPINS, MAX_YIELDS, MIN_PARK_PERIOD_NS, MAX_PARK_PERIOD_NS);
    }

    /**
     * Supplier of agent idle strategies in this profile, for Aeron contexts that take one.
     *
     * @return supplier of agent idle strategies in this profile.
     */
    public Supplier<IdleStrategy> agentIdleStrategySupplier()
    {
        return this::agentIdleStrategy;
    }

    /**
     * Idle strategy for the media driver's sender and receiver: they never idle in the low-latency profile.
     *
     * @return a new idle strategy instance.
     */
    IdleStrategy networkIdleStrategy()
    {
        return this == LOW_LATENCY ? new NoOpIdleStrategy() : agentIdleStrategy();
    }

    /**
     * Media driver threading mode for this profile.
     *
     * @return media driver threading mode for this profile.
     */
    public ThreadingMode driverThreadingMode()
    {
        return this == LOW_LATENCY ? ThreadingMode.DEDICATED : ThreadingMode.SHARED;
    }

    /**
     * Archive threading mode for this profile.
     *
     * @return archive threading mode for this profile.
     */
    public ArchiveThreadingMode archiveThreadingMode()
    {
        return this == LOW_LATENCY ? ArchiveThreadingMode.DEDICATED : ArchiveThreadingMode.SHARED;
    }

    /**
     * Parse a profile name as given in configuration or on the command line.
     *
     * @param name {@code shared} or {@code low-latency} (case-insensitive; {@code low_latency} also accepted).
     * @return the profile.
     * @throws IllegalArgumentException naming the bad value and the valid ones.
     */
    public static Profile fromName(final String name)
    {
        if (null != name)
        {
            final String normalised = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (final Profile profile : values())
            {
                if (profile.profileName.equals(normalised))
                {
                    return profile;
                }
            }
        }

        throw new IllegalArgumentException(
            "unknown profile '" + name + "': use 'shared' (default, backs off when idle) or 'low-latency' " +
            "(dedicated busy-spinning threads; needs spare cores)");
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return profileName;
    }
}
