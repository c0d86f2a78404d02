/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.strategy.InstrumentInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The instrument catalogue the collectors use (ids stable across runs, scales per instrument), as strategies see
 * it. Instruments the collectors add at run time arrive as {@code InstrumentDefinition} messages in the stream.
 */
public final class Instruments
{
    private Instruments()
    {
    }

    /**
     * Every instrument of the catalogue.
     *
     * @return instruments in catalogue order.
     */
    public static List<InstrumentInfo> catalogue()
    {
        final List<InstrumentInfo> instruments = new ArrayList<>();
        try (InputStream in = InstrumentRegistry.class.getResourceAsStream(InstrumentRegistry.CATALOGUE_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("instrument catalogue missing");
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while (null != (line = reader.readLine()))
            {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("id,"))
                {
                    continue;
                }
                final String[] fields = line.split(",");
                instruments.add(new InstrumentInfo(Integer.parseInt(fields[0]), fields[1], fields[2],
                    Integer.parseInt(fields[4]), Integer.parseInt(fields[5])));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return instruments;
    }
}
