/*
 * Copyright 2026 AlphaPulse.
 */

import io.alphapulse.sql.PulseDatabase;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build-time jOOQ code generation for the API (run by exec-maven-plugin during generate-sources with Java's
 * single-file source launcher, so it needs no module of its own): start an embedded PostgreSQL under target/, migrate
 * it with the project's Flyway scripts through {@link PulseDatabase} (the plain PostgreSQL path, the one available
 * everywhere; the TimescaleDB path has the same tables and views), and generate the classes from the real catalogue.
 * <p>
 * Arguments: output directory, work directory, migration scripts directory (hashed to skip unchanged runs).
 */
public final class JooqCodegen
{
    private static final String PACKAGE = "io.alphapulse.api.db";

    public static void main(final String[] args) throws Exception
    {
        final Path outputDir = Path.of(args[0]);
        final Path workDir = Path.of(args[1]);
        final Path migrationsDir = Path.of(args[2]);
        final Path stampFile = workDir.resolve("inputs.sha256");
        final String stamp = hashInputs(migrationsDir);
        if (Files.isDirectory(outputDir.resolve(PACKAGE.replace('.', '/'))) && Files.exists(stampFile) &&
            stamp.equals(Files.readString(stampFile)))
        {
            System.out.println("jOOQ code up to date with " + migrationsDir);
            return;
        }

        deleteTree(workDir);
        deleteTree(outputDir);
        Files.createDirectories(workDir);
        final long startNs = System.nanoTime();
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context()
            .varDir(workDir.resolve("var"))))
        {
            final Configuration configuration = new Configuration()
                .withJdbc(new Jdbc()
                    .withDriver("org.postgresql.Driver")
                    .withUrl(database.url())
                    .withUser(database.user()))
                .withGenerator(new Generator()
                    .withDatabase(new Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        .withInputSchema("public")
                        .withOutputSchemaToDefault(true)
                        // Flyway's history, and the daily partitions the maintenance job creates at run time.
                        .withExcludes("flyway_schema_history|.*_p\\d{8}|candles_pending")
                        .withIncludeRoutines(false)
                        .withIncludeSequences(false))
                    .withGenerate(new Generate()
                        .withRecords(true)
                        .withPojos(false)
                        .withDaos(false)
                        .withGeneratedAnnotation(false)
                        .withJavaTimeTypes(true)
                        .withComments(true))
                    .withTarget(new Target()
                        .withPackageName(PACKAGE)
                        .withDirectory(outputDir.toString())));
            GenerationTool.generate(configuration);
        }
        Files.writeString(stampFile, stamp);
        System.out.println("jOOQ code generated in " + (System.nanoTime() - startNs) / 1_000_000 + " ms into " +
            outputDir);
    }

    private static String hashInputs(final Path migrationsDir) throws Exception
    {
        final MessageDigest digest = MessageDigest.getInstance("SHA-256");
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(migrationsDir))
        {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (final Path file : files)
        {
            digest.update(migrationsDir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
        }
        digest.update(PACKAGE.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path path : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
