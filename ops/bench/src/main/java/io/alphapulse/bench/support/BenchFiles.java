/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders of the stages: Aeron directories in memory where the machine has {@code /dev/shm}, everything
 * removed after the stage.
 */
public final class BenchFiles
{
    private BenchFiles()
    {
    }

    /**
     * A new temporary folder for Aeron directories: under {@code /dev/shm} when writable (as a deployed driver),
     * else under {@code java.io.tmpdir}.
     *
     * @param prefix folder name prefix.
     * @return the new folder.
     * @throws IOException when it cannot be made.
     */
    public static Path aeronParent(final String prefix) throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        return Files.createTempDirectory(
            Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
            prefix);
    }

    /**
     * Remove a folder and everything in it; nothing when it does not exist.
     *
     * @param dir folder.
     * @throws UncheckedIOException naming the folder when it cannot be removed.
     */
    public static void deleteRecursively(final Path dir)
    {
        if (null == dir || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove the bench's temporary folder " + dir, ex);
        }
    }
}
