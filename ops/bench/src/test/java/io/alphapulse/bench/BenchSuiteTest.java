/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite's bookkeeping, not its figures: benchmarks run only under {@code pulse bench}.
 */
class BenchSuiteTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldWriteTheDocumentedJsonRecords() throws Exception
    {
        final Path file = tempDir.resolve("out/bench.json");
        BenchSuite.writeJson(List.of(
            new BenchResult("codec", "decimal parse", 10.0, "ns/op", "BigDecimal", 40.0),
            new BenchResult("codec", "trade \"encode\"", 5.0, "ns/op", null, null)), file);

        final String json = Files.readString(file);
        for (final String key : List.of("stage", "metric", "value", "unit", "anchor", "anchorValue", "ratio"))
        {
            assertTrue(json.contains("\"" + key + "\""), key + " missing: " + json);
        }
        assertTrue(json.contains("\"ratio\" : 0.25"), json);
        assertTrue(json.contains("\"anchor\" : null"), json);
        assertTrue(json.contains("trade \\\"encode\\\""), json);
    }

    @Test
    void ratioShouldBeValueOverAnchor()
    {
        assertEquals(0.25, new BenchResult("s", "m", 1, "ns/op", "a", 4.0).ratio());
        assertNull(new BenchResult("s", "m", 1, "ns/op", null, null).ratio());
    }

    @Test
    void shouldNameUnknownStageAndTheKnownOnes()
    {
        final PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new BenchSuite().run(List.of("warp"), true, progress));
        assertTrue(ex.getMessage().contains("'warp'") && ex.getMessage().contains("codec"), ex.getMessage());
    }

    @Test
    void tableShouldShowAnchorAndRatio()
    {
        final String table = BenchSuite.table(List.of(new BenchResult("codec", "parse", 10, "ns/op", "BigDecimal",
            40.0)));
        assertTrue(table.contains("BigDecimal") && table.contains("0.250"), table);
    }
}
