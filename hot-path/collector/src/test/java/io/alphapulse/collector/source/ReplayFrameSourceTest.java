/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayFrameSourceTest
{
    @TempDir
    Path tempDir;

    private final List<String> frames = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final FrameHandler handler = new FrameHandler()
    {
        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
        {
            frames.add(buffer.getStringWithoutLengthUtf8(offset, length));
            times.add(receiveTimeNs);
        }

        public void onConnected(final long timeNs)
        {
            events.add("connected");
        }

        public void onDisconnected(final long timeNs, final String reason)
        {
            events.add("disconnected");
        }

        public void onSnapshot(final String venueSymbol, final DirectBuffer buffer, final int offset,
            final int length, final long receiveTimeNs)
        {
        }

        public void onSnapshotFailed(final String venueSymbol, final String reason)
        {
        }
    };

    @Test
    void captureShouldReplayByteForByteWithItsReceiveTimes()
    {
        final Path file = tempDir.resolve("capture.jsonl");
        final String[] recorded = {"{\"a\":\"é\",\"b\":[1,2]}", "[320,{\"as\":[]},\"book-25\",\"XBT/USD\"]"};
        try (FrameCapture capture = new FrameCapture(file))
        {
            long time = 1_700_000_000_000_000_000L;
            for (final String frame : recorded)
            {
                final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
                capture.capture(new UnsafeBuffer(bytes), 0, bytes.length, time);
                time += 1_000_000;
            }
        }

        final ReplayFrameSource source = new ReplayFrameSource(file, false, () -> 5L);
        source.start(5);
        while (!source.isDone())
        {
            source.poll(handler, 10, 5);
        }
        assertEquals(List.of(recorded), frames);
        assertEquals(List.of(1_700_000_000_000_000_000L, 1_700_000_000_001_000_000L), times);
        assertEquals(List.of("connected", "disconnected"), events);
    }

    @Test
    void pacedReplayShouldWaitForTheRecordedSpacing() throws Exception
    {
        final Path file = tempDir.resolve("paced.jsonl");
        Files.writeString(file, "{\"receiveTimeNs\":1000000000,\"frame\":[1]}\n" +
            "{\"receiveTimeNs\":3000000000,\"frame\":[2]}\n");
        final ReplayFrameSource source = new ReplayFrameSource(file, true, () -> 0L);
        source.start(0);
        source.poll(handler, 10, 0);
        assertEquals(List.of("[1]"), frames);
        source.poll(handler, 10, 1_999_999_999L);
        assertEquals(List.of("[1]"), frames);
        source.poll(handler, 10, 2_000_000_000L);
        assertEquals(List.of("[1]", "[2]"), frames);
    }

    @Test
    void bareFramesShouldReplayAtTheTimeOfReplay() throws Exception
    {
        final Path file = tempDir.resolve("bare.jsonl");
        Files.writeString(file, "{\"x\":1}\n\n{\"x\":2}\r\n");
        final ReplayFrameSource source = new ReplayFrameSource(file, false, () -> 0L);
        source.start(0);
        source.poll(handler, 10, 77);
        assertEquals(List.of("{\"x\":1}", "{\"x\":2}"), frames);
        assertTrue(times.stream().allMatch((t) -> t == 77));
    }
}
