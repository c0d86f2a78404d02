/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.exceptions.DriverTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportOnceErrorHandlerTest
{
    @Test
    void reportsEachDistinctErrorOnceInOneLineAndCountsEveryOne()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ReportOnceErrorHandler handler =
            new ReportOnceErrorHandler("projector", new PrintStream(bytes, true, StandardCharsets.UTF_8));

        handler.onError(new DriverTimeoutException("MediaDriver (/x) keepalive: age=10192ms > timeout=10000ms"));
        handler.onError(new DriverTimeoutException("MediaDriver (/x) keepalive: age=10317ms > timeout=10000ms"));
        handler.onError(new IllegalStateException("client is closed"));
        handler.onError(new IllegalStateException("client is closed"));
        handler.onError(new IllegalStateException((String)null));

        final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertEquals("projector error (reported once, then counted): io.aeron.exceptions.DriverTimeoutException: " +
            "FATAL - MediaDriver (/x) keepalive: age=10192ms > timeout=10000ms", lines[0]);
        assertEquals("projector error (reported once, then counted): java.lang.IllegalStateException: " +
            "client is closed", lines[1]);
        assertEquals(5, handler.count());
    }
}
