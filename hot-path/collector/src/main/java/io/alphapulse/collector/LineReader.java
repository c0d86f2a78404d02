/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-separated frames as raw bytes into a reusable buffer: no String per line, and lines of many
 * megabytes (Coinbase snapshots) are fine.
 */
public final class LineReader
{
    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private final ExpandableArrayBuffer line = new ExpandableArrayBuffer(64 * 1024);
    private int chunkPosition;
    private int chunkLimit;
    private int lineLength;
    private boolean eof;

    /**
     * A reader over a stream.
     *
     * @param in the stream; not closed here.
     */
    public LineReader(final InputStream in)
    {
        this.in = in;
    }

    /**
     * Read the next line, without its line terminator.
     *
     * @return true if a line was read, false at end of input.
     * @throws IOException from the stream.
     */
    public boolean next() throws IOException
    {
        lineLength = 0;
        boolean any = false;
        while (true)
        {
            if (chunkPosition == chunkLimit)
            {
                if (eof)
                {
                    return any;
                }
                chunkLimit = in.read(chunk);
                chunkPosition = 0;
                if (chunkLimit <= 0)
                {
                    chunkLimit = 0;
                    eof = true;
                    return any;
                }
            }

            any = true;
            final int start = chunkPosition;
            while (chunkPosition < chunkLimit && chunk[chunkPosition] != '\n')
            {
                chunkPosition++;
            }
            final int count = chunkPosition - start;
            line.putBytes(lineLength, chunk, start, count);
            lineLength += count;
            if (chunkPosition < chunkLimit)
            {
                chunkPosition++;
                if (lineLength > 0 && line.getByte(lineLength - 1) == '\r')
                {
                    lineLength--;
                }
                return true;
            }
        }
    }

    /**
     * The buffer holding the current line from index 0.
     *
     * @return the buffer.
     */
    public ExpandableArrayBuffer buffer()
    {
        return line;
    }

    /**
     * Length of the current line in bytes.
     *
     * @return length of the current line.
     */
    public int length()
    {
        return lineLength;
    }
}
