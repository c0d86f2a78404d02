/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

import io.alphapulse.lake.export.ExportCommand;
import io.alphapulse.lake.export.ExportProgress;
import io.alphapulse.lake.export.LakeExporter;
import io.alphapulse.lake.export.PartitionManifest;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.Migrations;
import io.alphapulse.sql.PulseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An export into a lake on a small tmpfs that fills up: {@code pulse export} must stop with a message naming the
 * file and partition and what to do, exit 3, and leave no partial file: no temporary file, every manifest
 * matching the files beside it and the database's record of it. After the file system is grown, the same command
 * completes, and the lake is byte for byte the lake of an export that never failed.
 * <p>
 * Mounting a tmpfs needs root (tests run as root here and in CI). Where mount is refused, the test fails and says
 * so: it never passes without having filled a disk.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LakeExportDiskFullIT
{
    private static final LocalDate FIRST_DAY = LocalDate.of(2030, 3, 1);
    private static final int DAYS = 4;
    private static final int TRADES_PER_DAY = 40_000;
    private static final LocalDate TODAY = FIRST_DAY.plusDays(DAYS);
    private static final Pattern FILE_ENTRY = Pattern.compile(
        "\"name\" : \"([^\"]+)\"[^}]*?\"sha256\" : \"([0-9a-f]+)\"");

    @TempDir
    Path tempDir;

    private Path mountPoint;

    @AfterEach
    void unmount() throws Exception
    {
        if (null != mountPoint)
        {
            run(List.of("umount", "-l", mountPoint.toString()));
        }
    }

    @Test
    void fullDiskStopsCleanlyAndTheRerunCompletes() throws Exception
    {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(tempDir.resolve("var"), 0, false))
        {
            Migrations.migrate(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 3650);
            try (Connection connection = connect(server))
            {
                LakeTestData.insert(connection, FIRST_DAY, DAYS, TRADES_PER_DAY);
            }

            // The lake as an export that never fails writes it, for its size and for the comparison at the end.
            final Path reference = tempDir.resolve("lake-reference");
            try (Connection connection = connect(server))
            {
                new LakeExporter(new LakeExporter.Context().lakeDir(reference).until(TODAY)
                    .clock(Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC))
                    .rowGroupRows(25_000).progress(ExportProgress.forStream(quiet(), false))).run(connection);
            }
            final long referenceBytes = size(reference);

            // A tmpfs with room for about half of it.
            final Path lake = tempDir.resolve("lake-mount");
            Files.createDirectories(lake);
            final long smallBytes = Math.max(64 * 1024, referenceBytes / 2 / 4096 * 4096);
            final Result mount = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + smallBytes, "tmpfs",
                lake.toString()));
            if (0 != mount.exitCode())
            {
                fail("cannot test a full disk: 'mount -t tmpfs' was refused (exit " + mount.exitCode() + ": " +
                    mount.output().strip() + "); this test needs root, as the tests run here and in CI");
            }
            mountPoint = lake;

            final Result full = export(server, lake, "full-export.log");
            assertEquals(ExportCommand.EXIT_EXPORT_FAILED, full.exitCode(), full.output());
            final String output = full.output();
            assertTrue(output.contains("error: export of "), output);
            assertTrue(output.contains("no space left on device while writing " + lake), output);
            assertTrue(output.contains("exchange=") && output.contains("date="), "names the partition: " + output);
            assertTrue(output.contains("bytes free of"), "says how much is free: " + output);
            assertTrue(output.contains("Free space on that file system (or point --lake at a larger one) and run " +
                "the export again"), "says what to do: " + output);

            final Map<String, String> partial = hashes(lake);
            assertTrue(partial.keySet().stream().noneMatch((name) -> name.endsWith(LakeLayout.TEMP_SUFFIX)),
                "no temporary file left: " + partial.keySet());
            final int complete = assertManifestsConsistent(server, lake);
            assertTrue(complete > 0, "partitions before the full disk are complete");
            assertTrue(size(lake) < referenceBytes, "the export stopped part way");

            // Space freed: the same command completes, and the lake is the one a clean export writes.
            final Result grow = run(List.of("mount", "-o", "remount,size=" + (4 * referenceBytes + (1 << 20)),
                lake.toString()));
            assertEquals(0, grow.exitCode(), grow.output());
            final Result rerun = export(server, lake, "rerun-export.log");
            assertEquals(0, rerun.exitCode(), rerun.output());
            assertEquals(hashes(reference), hashes(lake), "the completed lake equals an export that never failed");
            assertManifestsConsistent(server, lake);
        }
    }

    /**
     * Every partition directory: no Parquet file without a manifest; with one, exactly the files it lists, each
     * with its SHA-256, and the database's record (if any) has the manifest's checksum.
     *
     * @return partitions with a manifest.
     */
    private static int assertManifestsConsistent(final EmbeddedPostgresServer server, final Path lake)
        throws IOException, SQLException
    {
        final Map<String, String> recorded = new TreeMap<>();
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("select dataset, exchange, day, checksum from export_partitions " +
                "where lake = '" + lake.toAbsolutePath().normalize() + "'"))
        {
            while (rs.next())
            {
                recorded.put(rs.getString(1) + "/exchange=" + rs.getString(2) + "/date=" + rs.getString(3),
                    rs.getString(4));
            }
        }
        int withManifest = 0;
        final List<Path> dirs;
        try (Stream<Path> walk = Files.walk(lake))
        {
            dirs = walk.filter((p) -> p.getFileName().toString().startsWith("date=")).toList();
        }
        for (final Path dir : dirs)
        {
            final String key = lake.relativize(dir).toString();
            final List<String> parquet;
            try (Stream<Path> files = Files.list(dir))
            {
                parquet = files.map((p) -> p.getFileName().toString()).filter((n) -> n.endsWith(".parquet"))
                    .sorted().toList();
            }
            final Path manifestFile = dir.resolve(LakeLayout.MANIFEST_NAME);
            if (!Files.exists(manifestFile))
            {
                assertTrue(parquet.isEmpty(), key + ": files without a manifest " + parquet);
                assertTrue(!recorded.containsKey(key), key + ": recorded without a manifest");
                continue;
            }
            withManifest++;
            final String json = Files.readString(manifestFile);
            final Matcher matcher = FILE_ENTRY.matcher(json);
            final List<String> listed = new ArrayList<>();
            while (matcher.find())
            {
                listed.add(matcher.group(1));
                assertEquals(matcher.group(2), PartitionManifest.sha256(dir.resolve(matcher.group(1))),
                    key + "/" + matcher.group(1) + " is the file its manifest describes");
            }
            assertEquals(listed.stream().sorted().toList(), parquet, key + ": the manifest lists the files");
            if (recorded.containsKey(key))
            {
                assertEquals(recorded.get(key), PartitionManifest.readChecksumAndRows(manifestFile)[0],
                    key + ": the database records this manifest");
            }
        }
        return withManifest;
    }

    private Result export(final EmbeddedPostgresServer server, final Path lake, final String log) throws Exception
    {
        final List<String> command = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-Djava.io.tmpdir=" + tempDir,
            "-cp", System.getProperty("java.class.path"),
            ExportCommand.class.getName(),
            "--db-url", server.jdbcUrl(), "--db-user", DatabaseConfiguration.EMBEDDED_USER,
            "--lake", lake.toString(), "--until", TODAY.toString(), "--progress", "lines",
            "--row-group-rows", "25000");
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(tempDir.resolve(log).toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "export process did not stop");
        return new Result(process.exitValue(), Files.readString(tempDir.resolve(log)));
    }

    private static Result run(final List<String> command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not stop");
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output)
    {
    }

    private static long size(final Path dir) throws IOException
    {
        long bytes = 0;
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                bytes += Files.size(file);
            }
        }
        return bytes;
    }

    private static Map<String, String> hashes(final Path lake) throws IOException
    {
        final Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(lake))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                hashes.put(lake.relativize(file).toString(), PartitionManifest.sha256(file));
            }
        }
        return hashes;
    }

    private static PrintStream quiet()
    {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static Connection connect(final EmbeddedPostgresServer server) throws SQLException
    {
        return PulseDatabase.connect(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null);
    }
}
