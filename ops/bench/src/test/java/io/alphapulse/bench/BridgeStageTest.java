/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

import io.alphapulse.bench.bridge.BridgeStage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * {@code pulse bench --only bridge} finds the bridge stage; its figures are measured only under {@code pulse bench}.
 */
class BridgeStageTest
{
    @Test
    void shouldRegisterTheBridgeStageByName()
    {
        final BenchStage stage = new BenchSuite().stages().stream()
            .filter((s) -> "bridge".equals(s.name()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no stage named bridge"));

        assertInstanceOf(BridgeStage.class, stage);
        assertEquals(BridgeStage.DESCRIPTION, stage.description());
    }
}
