/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;

/**
 * The relay's duty cycle: poll every collector stream in turn (a fair share each, so a busy exchange cannot starve
 * a quiet one), forward into the merged stream, and keep the counters current.
 */
public final class RelayAgent implements Agent
{
    private static final long COUNTER_INTERVAL_NS = 100_000_000L;

    private final ExchangeInput[] inputs;
    private final int fragmentLimit;
    private final AtomicCounter maxCycleTime;
    private long maxCycleNs;
    private long nextCounterUpdateNs;

    RelayAgent(final List<ExchangeInput> inputs, final int fragmentLimit, final AtomicCounter maxCycleTime)
    {
        this.inputs = inputs.toArray(new ExchangeInput[0]);
        this.fragmentLimit = fragmentLimit;
        this.maxCycleTime = maxCycleTime;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "relay";
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        final long startNs = System.nanoTime();
        int work = 0;
        for (final ExchangeInput input : inputs)
        {
            work += input.poll(fragmentLimit);
        }

        final long endNs = System.nanoTime();
        final long cycleNs = endNs - startNs;
        if (cycleNs > maxCycleNs)
        {
            maxCycleNs = cycleNs;
            if (null != maxCycleTime)
            {
                maxCycleTime.setRelease(cycleNs);
            }
        }
        if (endNs - nextCounterUpdateNs >= 0)
        {
            nextCounterUpdateNs = endNs + COUNTER_INTERVAL_NS;
            for (final ExchangeInput input : inputs)
            {
                input.updateCounters();
            }
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        for (final ExchangeInput input : inputs)
        {
            input.updateCounters();
            input.close();
        }
    }

    ExchangeInput[] inputs()
    {
        return inputs;
    }
}
