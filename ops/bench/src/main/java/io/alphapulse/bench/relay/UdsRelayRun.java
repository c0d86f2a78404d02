/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import io.alphapulse.bench.support.BenchThread;
import io.alphapulse.bench.support.PacedPublisher;
import io.alphapulse.relay.SequenceTracker;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The anchor: the same hop as the original design had it, over Unix domain sockets. A publisher thread writes each
 * message to a socket as it is produced; a relay thread reads what has arrived, validates every message as the
 * Aeron relay does ({@link MarketDataReader}, exchange, per-exchange {@link SequenceTracker}) and writes what it
 * accepted to a second socket in one write; a consumer thread reads and checks it. Blocking channels throughout.
 * <pre>
 *   stream framing, both sockets:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 message length (int32, little-endian)         |
 *  +---------------------------------------------------------------+
 *  |                 SBE message header and body ...               |
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class UdsRelayRun
{
    private static final int LENGTH_PREFIX = 4;
    private static final int MAX_MESSAGE_LENGTH = 4096;
    private static final int BUFFER_LENGTH = 64 * 1024;
    private static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Path socketDir;
    private int hops;

    /**
     * Runs with their sockets in a folder.
     *
     * @param socketDir folder for the socket files; short, as socket paths are limited to about 100 bytes.
     */
    UdsRelayRun(final Path socketDir)
    {
        this.socketDir = socketDir;
    }

    /**
     * Saturate the socket relay: one publisher thread writes the three exchanges' trades in turn, one write per
     * message, onto one socket; the rate is what the consumer receives during the measurement.
     *
     * @param warmupNs  before measuring.
     * @param measureNs measured.
     * @return the rate and what was checked.
     * @throws IOException          when the sockets cannot be set up.
     * @throws InterruptedException when interrupted.
     */
    RelayStage.Throughput throughput(final long warmupNs, final long measureNs)
        throws IOException, InterruptedException
    {
        final List<BenchThread> threads = new ArrayList<>();
        final Hop hop = new Hop();
        try
        {
            final MergedStreamCheck check = new MergedStreamCheck();
            final Consumer consumer = new Consumer(hop.consumerSide, check);
            final Relay relay = new Relay(hop.relayIn, hop.relayOut);
            final ThroughputPublisher publisher = new ThroughputPublisher(hop.publisherSide);
            threads.addAll(List.of(consumer, relay, publisher));
            consumer.start();
            relay.start();
            publisher.start();

            BenchThread.awaitNs(warmupNs, consumer, relay, publisher);
            final long startCount = consumer.receivedSoFar();
            final long startNs = System.nanoTime();
            BenchThread.awaitNs(measureNs, consumer, relay, publisher);
            final long endCount = consumer.receivedSoFar();
            final long endNs = System.nanoTime();

            publisher.stop();
            publisher.join(STOP_TIMEOUT_NS);
            relay.join(DRAIN_TIMEOUT_NS);
            consumer.join(DRAIN_TIMEOUT_NS);
            final long[] published = new long[TradeFrames.EXCHANGE_SLOTS];
            long total = 0;
            for (int i = 0; i < TradeFrames.EXCHANGES.size(); i++)
            {
                published[TradeFrames.EXCHANGES.get(i).value()] = publisher.sequences[i];
                total += publisher.sequences[i];
            }
            check.verify(published, "unix domain socket relay throughput");

            return new RelayStage.Throughput((endCount - startCount) * 1e9 / (endNs - startNs), total,
                check.summary());
        }
        finally
        {
            hop.close();
            BenchThread.stopAll(threads, STOP_TIMEOUT_NS);
        }
    }

    /**
     * One exchange's trades at a fixed rate through the socket relay; the consumer records each message's latency
     * from its intended send time.
     *
     * @param exchange      exchange of the stream.
     * @param intervalNs    time between messages.
     * @param warmupCount   messages not recorded.
     * @param measuredCount messages recorded.
     * @param histogram     where latencies in ns go.
     * @return the publisher, joined, for its lateness.
     * @throws IOException          when the sockets cannot be set up.
     * @throws InterruptedException when interrupted.
     */
    PacedPublisher latency(
        final Exchange exchange,
        final long intervalNs,
        final long warmupCount,
        final long measuredCount,
        final Histogram histogram)
        throws IOException, InterruptedException
    {
        final List<BenchThread> threads = new ArrayList<>();
        final Hop hop = new Hop();
        try
        {
            final long messages = warmupCount + measuredCount;
            final MergedStreamCheck check = new MergedStreamCheck(histogram, warmupCount);
            final Consumer consumer = new Consumer(hop.consumerSide, check);
            final Relay relay = new Relay(hop.relayIn, hop.relayOut);
            final PacedPublisher publisher =
                new UdsPacedPublisher(hop.publisherSide, exchange, messages, warmupCount, intervalNs);
            threads.addAll(List.of(consumer, relay, publisher));
            consumer.start();
            relay.start();
            publisher.start();

            BenchThread.awaitNs(messages * intervalNs, consumer, relay, publisher);
            publisher.join(DRAIN_TIMEOUT_NS);
            relay.join(DRAIN_TIMEOUT_NS);
            consumer.join(DRAIN_TIMEOUT_NS);
            final long[] published = new long[TradeFrames.EXCHANGE_SLOTS];
            published[exchange.value()] = publisher.sent();
            check.verify(published, "unix domain socket relay latency");
            if (publisher.sent() != messages)
            {
                throw new IllegalStateException(
                    "unix domain socket relay latency: sent " + publisher.sent() + " of " + messages);
            }
            return publisher;
        }
        finally
        {
            hop.close();
            BenchThread.stopAll(threads, STOP_TIMEOUT_NS);
        }
    }

    /**
     * The two connected socket pairs of one run: publisher to relay, relay to consumer.
     */
    private final class Hop
    {
        private final Path inPath;
        private final Path outPath;
        private final List<AutoCloseable> channels = new ArrayList<>();
        private final SocketChannel publisherSide;
        private final SocketChannel relayIn;
        private final SocketChannel relayOut;
        private final SocketChannel consumerSide;

        Hop() throws IOException
        {
            final int hop = hops++;
            inPath = socketDir.resolve("in-" + hop + ".sock");
            outPath = socketDir.resolve("out-" + hop + ".sock");
            try
            {
                final UnixDomainSocketAddress in = UnixDomainSocketAddress.of(inPath);
                final UnixDomainSocketAddress out = UnixDomainSocketAddress.of(outPath);
                final ServerSocketChannel inServer = add(ServerSocketChannel.open(StandardProtocolFamily.UNIX));
                inServer.bind(in);
                final ServerSocketChannel outServer = add(ServerSocketChannel.open(StandardProtocolFamily.UNIX));
                outServer.bind(out);
                publisherSide = add(SocketChannel.open(in));
                relayIn = add(inServer.accept());
                relayOut = add(SocketChannel.open(out));
                consumerSide = add(outServer.accept());
            }
            catch (final IOException | RuntimeException ex)
            {
                close();
                throw ex;
            }
        }

        private <T extends AutoCloseable> T add(final T channel)
        {
            channels.add(channel);
            return channel;
        }

        /**
         * Close every channel, unblocking any thread still reading or writing, and remove the socket files.
         */
        void close()
        {
            CloseHelper.quietCloseAll(channels);
            try
            {
                Files.deleteIfExists(inPath);
                Files.deleteIfExists(outPath);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("cannot remove socket files in " + socketDir, ex);
            }
        }
    }

    /**
     * Reads length-prefixed frames from a blocking socket into a buffer built once.
     */
    abstract static class FrameReader extends BenchThread
    {
        /**
         * What has been read.
         */
        final UnsafeBuffer view;

        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_LENGTH);

        FrameReader(final String name)
        {
            super(name);
            view = new UnsafeBuffer(buffer);
        }

        /**
         * Read once (blocking) and hand over every complete frame.
         *
         * @param channel to read.
         * @return false at the end of the stream.
         * @throws IOException when the read fails.
         */
        final boolean readFrames(final SocketChannel channel) throws IOException
        {
            if (channel.read(buffer) < 0)
            {
                if (0 != buffer.position())
                {
                    throw new IllegalStateException(getClass().getSimpleName() + ": stream ended inside a frame");
                }
                return false;
            }

            final int limit = buffer.position();
            int position = 0;
            while (limit - position >= LENGTH_PREFIX)
            {
                final int length = view.getInt(position, ByteOrder.LITTLE_ENDIAN);
                if (length <= 0 || length > MAX_MESSAGE_LENGTH)
                {
                    throw new IllegalStateException("corrupt stream: frame length " + length);
                }
                if (limit - position - LENGTH_PREFIX < length)
                {
                    break;
                }
                onFrame(position, length);
                position += LENGTH_PREFIX + length;
            }
            buffer.flip().position(position);
            buffer.compact();
            onFramesRead();
            return true;
        }

        /**
         * One complete frame in {@link #view}.
         *
         * @param offset of the length prefix.
         * @param length of the message after it.
         * @throws IOException when it cannot be handled.
         */
        abstract void onFrame(int offset, int length) throws IOException;

        /**
         * After the frames of one read.
         *
         * @throws IOException when they cannot be handled.
         */
        abstract void onFramesRead() throws IOException;
    }

    /**
     * The socket relay: validate, track sequences, forward.
     */
    static final class Relay extends FrameReader implements MarketDataReader.Listener
    {
        private final SocketChannel in;
        private final SocketChannel out;
        private final ByteBuffer outBuffer = ByteBuffer.allocateDirect(BUFFER_LENGTH);
        private final UnsafeBuffer outView = new UnsafeBuffer(outBuffer);
        private final MarketDataReader reader = new MarketDataReader(this);
        private final SequenceTracker[] trackers = new SequenceTracker[TradeFrames.EXCHANGE_SLOTS];
        private int outLength;
        private Exchange messageExchange;
        private long messageSequence;
        private long rejected;
        private long duplicates;

        Relay(final SocketChannel in, final SocketChannel out)
        {
            super("relay-bench-uds-relay");
            this.in = in;
            this.out = out;
            for (final Exchange exchange : TradeFrames.EXCHANGES)
            {
                trackers[exchange.value()] = new SequenceTracker();
            }
        }

        public void work() throws IOException
        {
            while (readFrames(in))
            {
                // Every frame read has been forwarded by onFramesRead.
            }
            out.shutdownOutput();
            if (0 != rejected || 0 != duplicates)
            {
                throw new IllegalStateException("socket relay rejected " + rejected + " and dropped " + duplicates +
                    " duplicates of the bench's own messages");
            }
        }

        void onFrame(final int offset, final int length)
        {
            if (accept(offset + LENGTH_PREFIX, length))
            {
                outView.putBytes(outLength, view, offset, LENGTH_PREFIX + length);
                outLength += LENGTH_PREFIX + length;
            }
        }

        void onFramesRead() throws IOException
        {
            outBuffer.clear().limit(outLength);
            while (outBuffer.hasRemaining())
            {
                out.write(outBuffer);
            }
            outLength = 0;
        }

        private boolean accept(final int offset, final int length)
        {
            messageExchange = null;
            try
            {
                if (MarketDataReader.Result.DISPATCHED != reader.read(view, offset, length) || null == messageExchange)
                {
                    rejected++;
                    return false;
                }
            }
            catch (final IllegalArgumentException ex)
            {
                // An enum value the schema does not define: foreign bytes, never forwarded (as the Aeron relay).
                rejected++;
                return false;
            }

            final int slot = messageExchange.value();
            final SequenceTracker tracker = slot < trackers.length ? trackers[slot] : null;
            if (null == tracker)
            {
                rejected++;
                return false;
            }
            if (SequenceTracker.DUPLICATE == tracker.classify(messageSequence))
            {
                duplicates++;
                return false;
            }
            tracker.accept();
            return true;
        }

        /**
         * {@inheritDoc}
         */
        public void onTrade(final TradeDecoder trade)
        {
            messageExchange = trade.exchange();
            messageSequence = trade.sequence();
        }
    }

    /**
     * Reads the relay's socket and checks (and, in latency runs, times) every message.
     */
    static final class Consumer extends FrameReader
    {
        private final SocketChannel channel;
        private final MergedStreamCheck check;
        private final AtomicLong receivedSoFar = new AtomicLong();

        Consumer(final SocketChannel channel, final MergedStreamCheck check)
        {
            super("relay-bench-uds-consumer");
            this.channel = channel;
            this.check = check;
        }

        public void work() throws IOException
        {
            while (readFrames(channel))
            {
                // Every frame read has been checked by onFrame.
            }
        }

        void onFrame(final int offset, final int length)
        {
            check.onMessage(view, offset + LENGTH_PREFIX, length);
        }

        void onFramesRead()
        {
            receivedSoFar.lazySet(check.received());
        }

        long receivedSoFar()
        {
            return receivedSoFar.get();
        }
    }

    /**
     * Writes the three exchanges' trades in turn, one write per message, until stopped.
     */
    static final class ThroughputPublisher extends BenchThread
    {
        private final SocketChannel channel;
        private final ByteBuffer frame = ByteBuffer.allocateDirect(LENGTH_PREFIX + TradeFrames.MESSAGE_LENGTH);
        private final UnsafeBuffer frameView = new UnsafeBuffer(frame);
        private final TradeFrames frames = new TradeFrames();
        private final long[] sequences = new long[TradeFrames.EXCHANGES.size()];
        private volatile boolean running = true;

        ThroughputPublisher(final SocketChannel channel)
        {
            super("relay-bench-uds-publisher");
            this.channel = channel;
        }

        public void work() throws IOException
        {
            final long epochOffsetNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
            final Exchange[] exchanges = TradeFrames.EXCHANGES.toArray(new Exchange[0]);
            frameView.putInt(0, TradeFrames.MESSAGE_LENGTH, ByteOrder.LITTLE_ENDIAN);
            while (running)
            {
                final long nowNs = System.nanoTime();
                for (int i = 0; i < exchanges.length; i++)
                {
                    frames.encode(frameView, LENGTH_PREFIX, exchanges[i], sequences[i], nowNs, nowNs + epochOffsetNs);
                    frame.clear();
                    while (frame.hasRemaining())
                    {
                        channel.write(frame);
                    }
                    sequences[i]++;
                }
            }
            channel.shutdownOutput();
        }

        public void stop()
        {
            running = false;
        }
    }

    /**
     * The latency runs' publisher on a socket: one write per message.
     */
    static final class UdsPacedPublisher extends TradePacedPublisher
    {
        private final SocketChannel channel;
        private final ByteBuffer frame = ByteBuffer.allocateDirect(LENGTH_PREFIX + TradeFrames.MESSAGE_LENGTH);
        private final UnsafeBuffer frameView = new UnsafeBuffer(frame);

        UdsPacedPublisher(
            final SocketChannel channel,
            final Exchange exchange,
            final long messages,
            final long warmupMessages,
            final long intervalNs)
        {
            super("relay-bench-uds-paced-publisher", exchange, messages, warmupMessages, intervalNs);
            this.channel = channel;
            frameView.putInt(0, TradeFrames.MESSAGE_LENGTH, ByteOrder.LITTLE_ENDIAN);
        }

        public void send(final long sequence, final long intendedNs, final long epochNs) throws IOException
        {
            frames.encode(frameView, LENGTH_PREFIX, exchange, sequence, intendedNs, epochNs);
            frame.clear();
            while (frame.hasRemaining())
            {
                channel.write(frame);
            }
        }

        public void onEnd() throws IOException
        {
            channel.shutdownOutput();
        }
    }
}
