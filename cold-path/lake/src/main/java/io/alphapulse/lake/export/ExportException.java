/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An export stopped for a reason the operator can act on (a full disk), with a message that says which file and
 * partition, what state the lake is in, and what to do. {@code pulse export} prints the message and exits 3.
 */
public final class ExportException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * An export failure.
     *
     * @param message what happened and what to do.
     * @param cause   the underlying error.
     */
    public ExportException(final String message, final Throwable cause)
    {
        super(message, cause);
    }

    /**
     * Whether a failure is the file system running out of space (ENOSPC), anywhere in its causes.
     *
     * @param failure the failure.
     * @return true for "No space left on device".
     */
    public static boolean isNoSpace(final Throwable failure)
    {
        for (Throwable t = failure; null != t; t = t.getCause())
        {
            final String message = t.getMessage();
            if (null != message && message.contains("No space left on device"))
            {
                return true;
            }
            for (final Throwable suppressed : t.getSuppressed())
            {
                if (isNoSpace(suppressed))
                {
                    return true;
                }
            }
        }
        return false;
    }

    static ExportException noSpace(final String dataset, final String partition, final Path file,
        final Throwable cause)
    {
        String free = "";
        try
        {
            final FileStore store = Files.getFileStore(Files.isDirectory(file) ? file : file.getParent());
            free = String.format(Locale.ROOT, " (%,d bytes free of %,d on %s)", store.getUsableSpace(),
                store.getTotalSpace(), store);
        }
        catch (final IOException | RuntimeException ex)
        {
            cause.addSuppressed(ex);
        }
        return new ExportException("export of " + dataset + " " + partition + " stopped: no space left on device " +
            "while writing " + file + free + ". Its temporary files were removed: this partition's previous files " +
            "and manifest are unchanged, and the partitions exported before it are complete and recorded. Free " +
            "space on that file system (or point --lake at a larger one) and run the export again; it resumes " +
            "with this partition.", cause);
    }
}
