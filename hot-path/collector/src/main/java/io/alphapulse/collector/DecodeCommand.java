/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pulse decode}: raw exchange frames in, normalized JSON lines out, through the same decoders, SBE encoding
 * and SBE decoding a live collector and its consumers use.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Decode raw exchange frames (one JSON frame per line, as recorded) into one JSON object per line, exactly",
        "as a collector would publish them: every frame goes through the exchange's decoder, is encoded as SBE",
        "and read back. Types: trade, book_snapshot, book_update, top_of_book, feed_event, control, error.",
        "A malformed line prints {\"line\":N,\"type\":\"error\",\"message\":...} and decoding goes on.",
        "",
        "Examples:",
        "  ops/pulse decode --exchange kraken --summary ../shared/exchange-messages/kraken-v1-book.jsonl",
        "  ops/pulse decode --exchange binance --snapshots snapshots.jsonl --quiet depth.jsonl",
        "  tail -f capture.jsonl | ops/pulse decode --exchange coinbase -"
    })
public final class DecodeCommand implements Callable<Integer>
{
    @Option(names = "--exchange", required = true, paramLabel = "NAME", description = "kraken, coinbase or binance.")
    String exchange;

    @Option(names = "--snapshots", paramLabel = "FILE",
        description = "REST depth snapshots (Binance), one JSON per line, to synchronise books with.")
    Path snapshots;

    @Option(names = "--summary", description = "End with a summary line: counts by type, errors, checksums, gaps.")
    boolean summary;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "Frames to decode; - for standard input.")
    String input;

    /**
     * Decode.
     *
     * @return exit code.
     * @throws IOException when the input cannot be read.
     */
    public Integer call() throws IOException
    {
        final ExchangeProtocol protocol = ExchangeProtocols.forName(exchange);
        final Path inputPath = "-".equals(input) ? null : Path.of(input);
        if (null != inputPath && !Files.isReadable(inputPath))
        {
            throw new IllegalArgumentException("cannot read input file '" + input + "'");
        }
        if (null != snapshots && !Files.isReadable(snapshots))
        {
            throw new IllegalArgumentException("cannot read snapshots file '" + snapshots + "'");
        }

        final OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        try (InputStream in = null == inputPath ? System.in : Files.newInputStream(inputPath))
        {
            decode(protocol, in, snapshots, out, summary || quiet, quiet);
        }
        out.flush();
        return 0;
    }

    /**
     * Decode a stream of frames to JSON lines.
     *
     * @param protocol  the exchange.
     * @param in        frames, one per line.
     * @param snapshots REST snapshots file, or null.
     * @param out       where JSON lines go.
     * @param summary   end with a summary line.
     * @param quiet     print only the summary.
     * @return the writer, for its counts.
     * @throws IOException when input cannot be read.
     */
    public static DecodedJsonWriter decode(
        final ExchangeProtocol protocol,
        final InputStream in,
        final Path snapshots,
        final OutputStream out,
        final boolean summary,
        final boolean quiet) throws IOException
    {
        final EpochNanoClock clock = new OffsetEpochNanoClock();
        final DecodedJsonWriter writer = new DecodedJsonWriter(out, quiet);
        final MarketDataProxy proxy = new MarketDataProxy(writer, clock, protocol.exchange());
        final FrameDecoder decoder = protocol.newDecoder(proxy, new InstrumentRegistry(), writer, ExchangeSession.NONE);
        writer.frameSequence(decoder::frameSequence);
        decoder.onConnected(clock.nanoTime());

        if (null != snapshots)
        {
            try (InputStream snapshotIn = Files.newInputStream(snapshots))
            {
                final LineReader lines = new LineReader(snapshotIn);
                while (lines.next())
                {
                    if (lines.length() > 0)
                    {
                        decoder.onRestSnapshot(null, lines.buffer(), 0, lines.length(), clock.nanoTime());
                    }
                }
            }
        }

        final LineReader lines = new LineReader(in);
        long lineNumber = 0;
        while (lines.next())
        {
            lineNumber++;
            if (0 == lines.length())
            {
                continue;
            }
            writer.line(lineNumber);
            decoder.onFrame(lines.buffer(), 0, lines.length(), clock.nanoTime());
        }

        if (summary)
        {
            writer.summary(lineNumber);
        }
        writer.close();
        return writer;
    }
}
