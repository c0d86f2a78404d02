/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.collector.json.JsonException;
import io.alphapulse.collector.json.JsonReader;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.decimal.DecimalFormatException;
import io.alphapulse.decimal.DecimalParser;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector runtime against a real local WebSocket server, with a minimal protocol so that what is tested is
 * the runtime itself: connect and subscribe, data, malformed frames, a dropped connection (reconnect and
 * resubscribe), and a silent subscription (the watchdog). Each exchange has its own IT for its protocol.
 */
class CollectorRuntimeIT
{
    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldSurviveMalformedFramesDropsAndSilence() throws Exception
    {
        try (LocalExchangeServer server = new LocalExchangeServer((srv, message) ->
        {
            if (message.startsWith("SUB"))
            {
                srv.push("{\"ctl\":\"ack\"}");
                srv.push("{\"s\":\"BTC-USD\",\"p\":\"65083.67\",\"q\":\"0.002186\"}");
            }
        }).startAndWait();
            CollectorHarness harness = new CollectorHarness(tempDir, new Collector.Context()
                .protocol(new LineProtocol())
                .symbols(List.of("BTC-USD", "ETH-USD"))
                .endpoint(server.uri("/"))
                .staleTimeoutNs(TimeUnit.MILLISECONDS.toNanos(1_500))
                .idleTimeoutNs(TimeUnit.SECONDS.toNanos(20))
                .reconnectDelays(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(200))))
        {
            harness.await("connected", (m) -> m.startsWith("event CONNECTED"), 10_000);
            harness.await("first trade", (m) -> m.startsWith("trade 20000 6508367x218600 BUY"), 10_000);

            server.push("{\"s\":\"BTC-USD\",\"p\":\"0.-10000\",\"q\":\"1\"}");
            server.push("{not json");
            server.push("{\"s\":\"BTC-USD\",\"p\":\"65084\",\"q\":\"1\"}");
            harness.await("trade after malformed frames", (m) -> m.startsWith("trade 20000 6508400x100000000"), 10_000);
            assertEquals(2, harness.collector().agent().decodeErrors());

            server.dropConnections();
            harness.await("disconnect reported", (m) -> m.startsWith("event DISCONNECTED"), 10_000);
            harness.await("reconnected and resubscribed",
                (m) -> m.startsWith("trade 20000 6508367x218600") && server.connections() == 2, 10_000);
            assertEquals(2, server.received().stream().filter((m) -> m.startsWith("SUB")).count(),
                "resubscribed after the reconnect: " + server.received());

            final String stale = harness.await("ETH-USD reported stale",
                (m) -> m.startsWith("event STALE_CHANNEL 20001"), 10_000);
            assertTrue(stale.contains("no data for 1500 ms"), stale);
            harness.await("BTC-USD stale too once the server is silent", (m) ->
            {
                server.silent(true);
                return m.startsWith("event STALE_CHANNEL 20000");
            }, 10_000);
            // The resubscribe is sent over the WebSocket after the STALE_CHANNEL event is published: wait for it.
            final long resubscribeDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!server.received().contains("RESUB ETH-USD") && System.nanoTime() - resubscribeDeadlineNs < 0)
            {
                Thread.yield();
            }
            assertTrue(server.received().contains("RESUB ETH-USD"), "watchdog resubscribes: " + server.received());
            assertEquals(1, server.openConnections(), "a silent subscription is not a dead connection");
            assertEquals(0, harness.rejected());
        }
    }

    /**
     * One JSON object per trade: {@code {"s":symbol,"p":price,"q":qty}}; {@code {"ctl":..}} is control.
     */
    static final class LineProtocol implements ExchangeProtocol
    {
        public Exchange exchange()
        {
            return Exchange.COINBASE;
        }

        public URI defaultEndpoint()
        {
            return URI.create("ws://127.0.0.1:1/");
        }

        public String venueSymbol(final String canonicalSymbol)
        {
            return canonicalSymbol;
        }

        public SymbolNormalizer normalizer()
        {
            return (venue) -> venue;
        }

        public List<String> subscribeFrames(final List<String> venueSymbols)
        {
            return List.of("SUB " + String.join(",", venueSymbols));
        }

        public List<String> resubscribeBookFrames(final String venueSymbol)
        {
            return List.of("RESUB " + venueSymbol);
        }

        public String applicationPing()
        {
            return null;
        }

        public SyntheticFrames syntheticFrames(
            final List<String> venueSymbols, final long seed, final SyntheticFrames.Mix mix)
        {
            throw new UnsupportedOperationException();
        }

        public FrameDecoder newDecoder(
            final MarketDataProxy proxy,
            final InstrumentRegistry registry,
            final FrameListener listener,
            final ExchangeSession session)
        {
            return new FrameDecoder()
            {
                private final JsonReader reader = new JsonReader();
                private final DecimalParser decimals = new DecimalParser();
                private final byte[] s = "s".getBytes(StandardCharsets.US_ASCII);
                private final byte[] p = "p".getBytes(StandardCharsets.US_ASCII);

                public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long timeNs)
                {
                    try
                    {
                        reader.wrap(buffer, offset, length);
                        reader.next();
                        Instrument instrument = null;
                        long price = 0;
                        int qtyOffset = 0;
                        int qtyLength = 0;
                        while (reader.next() == JsonReader.FIELD_NAME)
                        {
                            if (reader.tokenEquals(s))
                            {
                                reader.next();
                                instrument = registry.resolve(Exchange.COINBASE, buffer, reader.tokenOffset(),
                                    reader.tokenLength(), (v) -> v);
                            }
                            else if (reader.tokenEquals(p))
                            {
                                reader.next();
                                price = decimals.parse(buffer, reader.tokenOffset(), reader.tokenLength(), 2);
                            }
                            else if (reader.tokenFirstByte() == 'q')
                            {
                                reader.next();
                                qtyOffset = reader.tokenOffset();
                                qtyLength = reader.tokenLength();
                            }
                            else
                            {
                                reader.next();
                                reader.skipValue();
                            }
                        }
                        if (null == instrument)
                        {
                            listener.onControl("ack");
                            return;
                        }
                        final long qty = decimals.parse(buffer, qtyOffset, qtyLength, instrument.quantityScale());
                        proxy.trade(instrument, MarketDataProxy.NULL_TIME, timeNs, MarketDataProxy.NULL_SEQUENCE,
                            price, qty, AggressorSide.BUY);
                    }
                    catch (final JsonException | DecimalFormatException ex)
                    {
                        listener.onError(ex.getMessage());
                    }
                }

                public void onConnected(final long nowNs)
                {
                }

                public void onDisconnected(final long nowNs)
                {
                }

                public long frameSequence()
                {
                    return MarketDataProxy.NULL_SEQUENCE;
                }
            };
        }
    }
}
