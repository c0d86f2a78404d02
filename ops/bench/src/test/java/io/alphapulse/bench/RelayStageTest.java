/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

import io.alphapulse.bench.relay.RelayStage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pulse bench --only relay} finds the relay stage and {@code --list} describes it; its figures are measured
 * only under {@code pulse bench}, never here.
 */
class RelayStageTest
{
    @Test
    void shouldRegisterTheRelayStageByNameWithItsDescription()
    {
        final BenchStage stage = new BenchSuite().stages().stream()
            .filter((s) -> "relay".equals(s.name()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no stage named relay"));

        assertInstanceOf(RelayStage.class, stage);
        assertEquals(RelayStage.DESCRIPTION, stage.description());
        for (final String part : new String[]{"throughput", "latency", "HdrHistogram", "Unix domain sockets"})
        {
            assertTrue(stage.description().contains(part), "description should mention " + part);
        }
    }
}
