/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite covers every stage issue 10 asks for, each says what it measures and what it is anchored on, and a run
 * documents its own duration.
 */
class BenchSuiteCompletenessTest
{
    /**
     * Every stage the suite must have.
     */
    static final List<String> EXPECTED_STAGES = List.of(
        "codec",
        "decode",
        "relay",
        "e2e",
        "writer",
        "bridge",
        "ledger",
        "export",
        "query",
        "replay",
        "api");

    @Test
    void shouldRegisterEveryExpectedStage()
    {
        final List<String> registered = new BenchSuite().stages().stream().map(BenchStage::name).toList();
        final List<String> missing = new ArrayList<>(EXPECTED_STAGES);
        missing.removeAll(registered);
        assertTrue(missing.isEmpty(), "stages missing from the suite: " + missing + "; registered: " + registered);
        assertEquals(registered.size(), registered.stream().distinct().count(), "stage names must be unique");
    }

    @Test
    void everyStageShouldSayWhatItMeasuresAndItsAnchor()
    {
        for (final BenchStage stage : new BenchSuite().stages())
        {
            assertNotNull(stage.description(), stage.name());
            assertFalse(stage.description().isBlank(), stage.name() + " has no description");
            assertNotNull(stage.anchor(), stage.name() + " declares no anchor: name it, or say \"none here\" and why");
            assertFalse(stage.anchor().isBlank(), stage.name() + " declares a blank anchor");
        }
    }

    @Test
    void listShouldShowEveryStageWithItsAnchor()
    {
        final BenchSuite suite = new BenchSuite();
        final String listing = suite.listing();
        for (final BenchStage stage : suite.stages())
        {
            assertTrue(listing.contains(stage.name() + " ") && listing.contains(stage.description()) &&
                listing.contains("anchor: " + stage.anchor()), "--list lacks " + stage.name() + ":\n" + listing);
        }
    }

    @Test
    void runShouldRecordTheDurationOfEachStageAndOfTheRun()
    {
        final BenchStage one = new FixedStage("one");
        final BenchStage two = new FixedStage("two");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<BenchResult> results = new BenchSuite(List.of(one, two))
            .run(List.of(), true, new PrintStream(out, true, StandardCharsets.UTF_8));

        for (final String name : List.of("one", "two"))
        {
            final BenchResult duration = results.stream()
                .filter((r) -> name.equals(r.stage()) && r.metric().startsWith(BenchSuite.DURATION_METRIC))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no duration record for stage " + name + ": " + results));
            assertEquals("s", duration.unit());
            assertTrue(duration.value() >= 0, duration.toString());
            assertTrue(duration.metric().contains("--quick"), duration.metric());
        }
        final BenchResult total = results.get(results.size() - 1);
        assertEquals(BenchSuite.SUITE, total.stage());
        assertTrue(total.metric().contains("one,two"), total.metric());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("done in"), out.toString(StandardCharsets.UTF_8));
    }

    private record FixedStage(String name) implements BenchStage
    {
        public String description()
        {
            return "a fixed figure";
        }

        public String anchor()
        {
            return "none here";
        }

        public List<BenchResult> run(final boolean quick, final PrintStream progress)
        {
            return List.of(new BenchResult(name, "figure", 1, "ns/op", anchor(), null));
        }
    }
}
