/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench clients' RFC 6455 framing: server frames of every length encoding, fragmented messages, control frames
 * between fragments, frames split across reads, the close, protocol errors; and the masked client frames.
 */
class WebSocketFramesTest
{
    private final WebSocketFrames frames = new WebSocketFrames();
    private final List<String> texts = new ArrayList<>();
    private final List<String> pings = new ArrayList<>();
    private final List<String> closes = new ArrayList<>();
    private final WebSocketFrames.Handler handler = new WebSocketFrames.Handler()
    {
        public void onText(final byte[] buffer, final int offset, final int length)
        {
            texts.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
        }

        public void onPing(final byte[] buffer, final int offset, final int length)
        {
            pings.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
        }

        public void onClose(final int code, final String reason)
        {
            closes.add(code + " " + reason);
        }
    };

    @Test
    void shouldParseSevenSixteenAndSixtyFourBitLengths() throws IOException
    {
        final String small = "x".repeat(125);
        final String medium = "y".repeat(126);
        final String large = "z".repeat(70_000);
        final byte[] bytes = concat(serverFrame(true, 0x1, small), serverFrame(true, 0x1, medium),
            serverFrame(true, 0x1, large));

        assertEquals(bytes.length, frames.parse(bytes, 0, bytes.length, handler));
        assertEquals(List.of(small, medium, large), texts);
        assertEquals(2 + 125, serverFrame(true, 0x1, small).length);
        assertEquals(4 + 126, serverFrame(true, 0x1, medium).length);
        assertEquals(10 + 70_000, serverFrame(true, 0x1, large).length);
    }

    @Test
    void shouldJoinFragmentsWithAPingBetweenThem() throws IOException
    {
        final byte[] bytes = concat(serverFrame(false, 0x1, "[{\"type\":"), serverFrame(true, 0x9, "p1"),
            serverFrame(false, 0x0, "\"trade\""), serverFrame(true, 0x0, "}]"));

        assertEquals(bytes.length, frames.parse(bytes, 0, bytes.length, handler));
        assertEquals(List.of("[{\"type\":\"trade\"}]"), texts);
        assertEquals(List.of("p1"), pings);
    }

    @Test
    void shouldConsumeOnlyWholeFramesWhenBytesArriveOneAtATime() throws IOException
    {
        final byte[] bytes = concat(serverFrame(true, 0x1, "a".repeat(300)), serverFrame(false, 0x1, "b"),
            serverFrame(true, 0x0, "c".repeat(70_000)));
        final byte[] pending = new byte[bytes.length];
        int held = 0;
        for (final byte b : bytes)
        {
            pending[held++] = b;
            final int consumed = frames.parse(pending, 0, held, handler);
            System.arraycopy(pending, consumed, pending, 0, held - consumed);
            held -= consumed;
        }

        assertEquals(0, held);
        assertEquals(List.of("a".repeat(300), "b" + "c".repeat(70_000)), texts);
    }

    @Test
    void shouldReportTheCloseAndReadNothingAfterIt() throws IOException
    {
        final byte[] close = concat(new byte[]{(byte)0x88, 11, 0x03, (byte)0xF0},
            "too slow!".getBytes(StandardCharsets.UTF_8));
        final byte[] bytes = concat(serverFrame(true, 0x1, "before"), close, serverFrame(true, 0x1, "after"));

        frames.parse(bytes, 0, bytes.length, handler);

        assertEquals(List.of("before"), texts);
        assertEquals(List.of("1008 too slow!"), closes);
        assertTrue(frames.closed());
    }

    @Test
    void shouldReportACloseWithoutCodeAs1005() throws IOException
    {
        final byte[] bytes = {(byte)0x88, 0};

        frames.parse(bytes, 0, bytes.length, handler);

        assertEquals(List.of("1005 "), closes);
    }

    @Test
    void shouldRejectProtocolErrors()
    {
        final byte[] masked = {(byte)0x81, (byte)0x81, 1, 2, 3, 4, 'a'};
        final byte[] reserved = {(byte)0xC1, 1, 'a'};
        final byte[] orphanContinuation = serverFrame(true, 0x0, "a");
        final byte[] longPing = serverFrame(true, 0x9, "p".repeat(126));
        final byte[] unknownOpcode = serverFrame(true, 0x3, "a");
        final byte[] hugeLength = {(byte)0x81, 127, (byte)0x80, 0, 0, 0, 0, 0, 0, 1};
        final byte[] textInsideFragments = concat(serverFrame(false, 0x1, "a"), serverFrame(true, 0x1, "b"));

        for (final byte[] bytes : List.of(masked, reserved, orphanContinuation, longPing, unknownOpcode, hugeLength,
            textInsideFragments))
        {
            assertThrows(IOException.class, () -> new WebSocketFrames().parse(bytes, 0, bytes.length, handler),
                Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 12))));
        }
    }

    @Test
    void shouldMaskClientFrames()
    {
        final byte[] payload = "{\"op\":\"subscribe\",\"channel\":\"trades\"}".getBytes(StandardCharsets.UTF_8);
        final byte[] mask = {0x11, 0x22, 0x33, 0x44};

        final byte[] frame = WebSocketFrames.clientFrame(WebSocketFrames.OP_TEXT, payload, mask);

        assertEquals((byte)0x81, frame[0]);
        assertEquals((byte)(0x80 | payload.length), frame[1]);
        assertArrayEquals(mask, Arrays.copyOfRange(frame, 2, 6));
        final byte[] unmasked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++)
        {
            unmasked[i] = (byte)(frame[6 + i] ^ mask[i & 3]);
        }
        assertArrayEquals(payload, unmasked);

        final byte[] longer = WebSocketFrames.clientFrame(WebSocketFrames.OP_TEXT, new byte[300], mask);
        assertEquals((byte)(0x80 | 126), longer[1]);
        assertEquals(300, ((longer[2] & 0xFF) << 8) | (longer[3] & 0xFF));
        assertEquals(4 + 4 + 300, longer.length);
    }

    @Test
    void shouldComputeTheHandshakeAcceptOfRfc6455()
    {
        // RFC 6455 1.3's example.
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketClients.acceptFor("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    static byte[] serverFrame(final boolean fin, final int opcode, final String text)
    {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126)
        {
            out.write(payload.length);
        }
        else if (payload.length <= 0xFFFF)
        {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        else
        {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8)
            {
                out.write((int)(((long)payload.length >>> shift) & 0xFF));
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(final byte[]... parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts)
        {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
