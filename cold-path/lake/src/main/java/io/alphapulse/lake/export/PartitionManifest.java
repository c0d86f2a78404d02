/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * A partition's manifest ({@code _manifest.json}): what was exported, so a reader or a re-run can check it without
 * opening the data. Contains nothing time-dependent (no export time), so a re-export writes the same bytes.
 *
 * @param dataset  dataset.
 * @param exchange exchange.
 * @param date     UTC day, ISO.
 * @param rows     rows in all files.
 * @param minTime  earliest row time (ISO instant, microseconds), or null when empty.
 * @param maxTime  latest row time, or null.
 * @param checksum SHA-256 over the files' SHA-256 values, in file order ({@code sha256:<hex>}).
 * @param files    the data files.
 */
public record PartitionManifest(
    String dataset, String exchange, String date, long rows, String minTime, String maxTime, String checksum,
    List<FileEntry> files)
{
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One data file.
     *
     * @param name          file name.
     * @param rows          rows.
     * @param bytes         size.
     * @param sha256        SHA-256 of the file, hex.
     * @param instrumentIds instruments in it (empty when the dataset is not split by instrument).
     * @param columns       column name and type, e.g. {@code price DECIMAL(18,2)}.
     */
    public record FileEntry(
        String name, long rows, long bytes, String sha256, List<Integer> instrumentIds, List<String> columns)
    {
    }

    /**
     * The combined checksum of files.
     *
     * @param files files in order.
     * @return {@code sha256:<hex>}.
     */
    public static String combinedChecksum(final List<FileEntry> files)
    {
        final MessageDigest digest = sha256();
        for (final FileEntry file : files)
        {
            digest.update((file.name() + " " + file.sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * SHA-256 of a file.
     *
     * @param file file.
     * @return hex.
     * @throws IOException on a read error.
     */
    public static String sha256(final Path file) throws IOException
    {
        final MessageDigest digest = sha256();
        final byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file))
        {
            int n;
            while ((n = in.read(buffer)) > 0)
            {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * An instant in microseconds as ISO text.
     *
     * @param epochMicros microseconds since the epoch.
     * @return ISO instant.
     */
    public static String isoMicros(final long epochMicros)
    {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS).toString();
    }

    /**
     * The manifest as JSON bytes.
     *
     * @return UTF-8 JSON.
     * @throws IOException never in practice.
     */
    public byte[] toJson() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out))
        {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("dataset", dataset);
            json.writeStringField("exchange", exchange);
            json.writeStringField("date", date);
            json.writeNumberField("rows", rows);
            json.writeStringField("minTime", minTime);
            json.writeStringField("maxTime", maxTime);
            json.writeStringField("checksum", checksum);
            json.writeArrayFieldStart("files");
            for (final FileEntry file : files)
            {
                json.writeStartObject();
                json.writeStringField("name", file.name());
                json.writeNumberField("rows", file.rows());
                json.writeNumberField("bytes", file.bytes());
                json.writeStringField("sha256", file.sha256());
                json.writeArrayFieldStart("instrumentIds");
                for (final Integer id : file.instrumentIds())
                {
                    if (null == id)
                    {
                        json.writeNull();
                    }
                    else
                    {
                        json.writeNumber(id);
                    }
                }
                json.writeEndArray();
                json.writeArrayFieldStart("columns");
                for (final String column : file.columns())
                {
                    json.writeString(column);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * The checksum and row count recorded in a manifest file, without reading the rest.
     *
     * @param file manifest.
     * @return {@code [checksum, rows]}, or null when the file is missing or unreadable.
     */
    public static String[] readChecksumAndRows(final Path file)
    {
        if (!Files.exists(file))
        {
            return null;
        }
        String checksum = null;
        String rows = null;
        try (JsonParser parser = JSON.createParser(file.toFile()))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME)
            {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("checksum".equals(name))
                {
                    checksum = parser.getText();
                }
                else if ("rows".equals(name))
                {
                    rows = parser.getText();
                }
                else if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT)
                {
                    parser.skipChildren();
                }
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return null == checksum || null == rows ? null : new String[]{checksum, rows};
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
