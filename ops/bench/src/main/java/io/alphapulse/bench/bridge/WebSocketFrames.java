/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The client side of RFC 6455 framing, as much as the bench's WebSocket clients need: parses the server's frames
 * (unmasked, as a server must send them) from the bytes read so far, joins fragmented text messages, and hands out
 * complete text messages, pings and the close; and writes the client's masked text, pong and close frames.
 * No extensions are negotiated, so any reserved bit set is an error. One instance per connection, one thread.
 */
final class WebSocketFrames
{
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /**
     * What the parser found.
     */
    interface Handler
    {
        /**
         * A complete text message (all its fragments joined).
         *
         * @param buffer holds the message; valid during the call only.
         * @param offset where it starts.
         * @param length its length in bytes (UTF-8).
         */
        void onText(byte[] buffer, int offset, int length);

        /**
         * A ping: answer with a pong carrying the same payload.
         *
         * @param buffer holds the payload; valid during the call only.
         * @param offset where it starts.
         * @param length its length.
         */
        void onPing(byte[] buffer, int offset, int length);

        /**
         * The server closed.
         *
         * @param code   status code, or 1005 when the frame carried none.
         * @param reason reason text, possibly empty.
         */
        void onClose(int code, String reason);
    }

    private byte[] message = new byte[4096];
    private int messageLength;
    private boolean inMessage;
    private boolean closed;

    /**
     * Parse every complete frame in {@code buffer[offset, offset + length)}.
     *
     * @param buffer  the bytes read and not yet consumed.
     * @param offset  where they start.
     * @param length  how many.
     * @param handler receives messages, pings and the close.
     * @return bytes consumed (whole frames); the rest, an incomplete frame, is to be passed again with more bytes.
     * @throws IOException on a protocol violation by the server.
     */
    int parse(final byte[] buffer, final int offset, final int length, final Handler handler) throws IOException
    {
        int at = offset;
        final int end = offset + length;
        while (!closed && end - at >= 2)
        {
            final int b0 = buffer[at] & 0xFF;
            final int b1 = buffer[at + 1] & 0xFF;
            final boolean fin = (b0 & 0x80) != 0;
            final int opcode = b0 & 0x0F;
            if ((b0 & 0x70) != 0)
            {
                throw new IOException("reserved bits set in a frame (no extension was negotiated): 0x" +
                    Integer.toHexString(b0));
            }
            if ((b1 & 0x80) != 0)
            {
                throw new IOException("masked frame from the server (RFC 6455 5.1: a client must close)");
            }
            int header = 2;
            long payload = b1 & 0x7F;
            if (126 == payload)
            {
                if (end - at < 4)
                {
                    break;
                }
                payload = ((buffer[at + 2] & 0xFF) << 8) | (buffer[at + 3] & 0xFF);
                header = 4;
            }
            else if (127 == payload)
            {
                if (end - at < 10)
                {
                    break;
                }
                payload = 0;
                for (int i = 2; i < 10; i++)
                {
                    payload = (payload << 8) | (buffer[at + i] & 0xFF);
                }
                if (payload < 0 || payload > Integer.MAX_VALUE - 16)
                {
                    throw new IOException("frame length out of range: " + Long.toUnsignedString(payload));
                }
                header = 10;
            }
            if (end - at - header < payload)
            {
                break;
            }
            final int start = at + header;
            final int size = (int)payload;
            switch (opcode)
            {
                case OP_TEXT, OP_BINARY ->
                {
                    if (inMessage)
                    {
                        throw new IOException("new data frame inside a fragmented message");
                    }
                    if (fin)
                    {
                        if (OP_TEXT == opcode)
                        {
                            handler.onText(buffer, start, size);
                        }
                    }
                    else
                    {
                        inMessage = true;
                        messageLength = 0;
                        append(buffer, start, size);
                    }
                }
                case OP_CONTINUATION ->
                {
                    if (!inMessage)
                    {
                        throw new IOException("continuation frame without a message to continue");
                    }
                    append(buffer, start, size);
                    if (fin)
                    {
                        inMessage = false;
                        handler.onText(message, 0, messageLength);
                    }
                }
                case OP_PING, OP_PONG, OP_CLOSE ->
                {
                    if (!fin || size > 125)
                    {
                        throw new IOException("control frame fragmented or longer than 125 bytes");
                    }
                    if (OP_PING == opcode)
                    {
                        handler.onPing(buffer, start, size);
                    }
                    else if (OP_CLOSE == opcode)
                    {
                        closed = true;
                        final int code = size >= 2 ? ((buffer[start] & 0xFF) << 8) | (buffer[start + 1] & 0xFF) : 1005;
                        final String reason = size > 2 ?
                            new String(buffer, start + 2, size - 2, StandardCharsets.UTF_8) : "";
                        handler.onClose(code, reason);
                    }
                }
                default -> throw new IOException("unknown opcode 0x" + Integer.toHexString(opcode));
            }
            at = start + size;
        }
        return at - offset;
    }

    /**
     * Whether a close frame has been parsed (nothing after it is read).
     *
     * @return true once closed.
     */
    boolean closed()
    {
        return closed;
    }

    /**
     * A masked client frame (RFC 6455 5.3: every client frame is masked).
     *
     * @param opcode  {@link #OP_TEXT}, {@link #OP_PONG}, {@link #OP_CLOSE}.
     * @param payload the payload, at most 65,535 bytes.
     * @param mask    four mask bytes (random per frame, in the RFC's words).
     * @return the whole frame.
     */
    static byte[] clientFrame(final int opcode, final byte[] payload, final byte[] mask)
    {
        if (payload.length > 0xFFFF)
        {
            throw new IllegalArgumentException("client frames here are at most 65,535 bytes");
        }
        final int header = payload.length < 126 ? 2 : 4;
        final byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte)(0x80 | opcode);
        if (payload.length < 126)
        {
            frame[1] = (byte)(0x80 | payload.length);
        }
        else
        {
            frame[1] = (byte)(0x80 | 126);
            frame[2] = (byte)(payload.length >>> 8);
            frame[3] = (byte)payload.length;
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++)
        {
            frame[header + 4 + i] = (byte)(payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    private void append(final byte[] buffer, final int start, final int size)
    {
        if (messageLength + size > message.length)
        {
            message = Arrays.copyOf(message, Math.max(message.length * 2, messageLength + size));
        }
        System.arraycopy(buffer, start, message, messageLength, size);
        messageLength += size;
    }
}
