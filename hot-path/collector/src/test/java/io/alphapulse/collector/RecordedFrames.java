/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real exchange messages in {@code shared/exchange-messages}, beside the repository (as on a developer machine
 * and in CI), and a way to run them through {@code pulse decode} in-process.
 */
public final class RecordedFrames
{
    /**
     * System property pointing at the folder explicitly.
     */
    public static final String DIR_PROP_NAME = "alphapulse.exchange.messages";

    private RecordedFrames()
    {
    }

    /**
     * The folder of recordings.
     *
     * @return the folder.
     * @throws IllegalStateException saying where it looked when it is not found.
     */
    public static Path dir()
    {
        final String configured = System.getProperty(DIR_PROP_NAME);
        if (null != configured)
        {
            return Path.of(configured);
        }

        final List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            for (final Path candidate : List.of(dir.resolve("shared/exchange-messages"),
                dir.resolveSibling("shared").resolve("exchange-messages")))
            {
                if (Files.isDirectory(candidate))
                {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new IllegalStateException("exchange recordings not found; looked in " + tried + "; set -D" +
            DIR_PROP_NAME + "=/path/to/shared/exchange-messages");
    }

    /**
     * One recording file.
     *
     * @param name file name, e.g. {@code kraken-v1-book.jsonl}.
     * @return its path.
     */
    public static Path file(final String name)
    {
        final Path file = dir().resolve(name);
        if (!Files.isRegularFile(file))
        {
            throw new IllegalStateException("recording " + file + " missing");
        }
        return file;
    }

    /**
     * Every recording file of an exchange.
     *
     * @param prefix e.g. {@code kraken-}.
     * @return paths, sorted.
     * @throws IOException when the folder cannot be listed.
     */
    public static List<Path> files(final String prefix) throws IOException
    {
        try (var stream = Files.list(dir()))
        {
            return stream.filter((p) -> p.getFileName().toString().startsWith(prefix) &&
                p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /**
     * Output of {@code pulse decode} for a file.
     *
     * @param protocol  exchange.
     * @param file      frames.
     * @param snapshots REST snapshots, or null.
     * @return JSON lines, the summary last.
     * @throws IOException when a file cannot be read.
     */
    public static List<String> decode(final ExchangeProtocol protocol, final Path file, final Path snapshots)
        throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            return decode(protocol, in, snapshots);
        }
    }

    /**
     * Output of {@code pulse decode} for frames given as text.
     *
     * @param protocol exchange.
     * @param frames   frames, one per line.
     * @return JSON lines, the summary last.
     * @throws IOException never, in practice.
     */
    public static List<String> decode(final ExchangeProtocol protocol, final String frames) throws IOException
    {
        return decode(protocol, new ByteArrayInputStream(frames.getBytes(StandardCharsets.UTF_8)), null);
    }

    private static List<String> decode(final ExchangeProtocol protocol, final InputStream in, final Path snapshots)
        throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        DecodeCommand.decode(protocol, in, snapshots, out, true, false);
        return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    }
}
