/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.List;

/**
 * The message every relay figure is measured with: one SBE {@code Trade}, 64 bytes with its header, as a collector
 * publishes it. In the benchmark {@code exchangeTimeNs} carries the message's send time on the
 * {@link System#nanoTime()} clock (the intended send time in the latency runs), so the consumer can compute the
 * latency without a second clock.
 */
final class TradeFrames
{
    /**
     * Length of one encoded trade with its header.
     */
    static final int MESSAGE_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH;

    /**
     * Exchanges with a collector stream, in stream order.
     */
    static final List<Exchange> EXCHANGES = List.of(Exchange.KRAKEN, Exchange.COINBASE, Exchange.BINANCE);

    /**
     * Size of arrays indexed by {@link Exchange#value()}.
     */
    static final int EXCHANGE_SLOTS = 4;

    private static final long SEQUENCE_MASK = 0xFFFF_FFFFL;
    private static final long PRICE = 6_512_345_000_000L;
    private static final long QUANTITY = 1_500_000L;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TradeEncoder tradeEncoder = new TradeEncoder();

    /**
     * Encode one trade.
     *
     * @param buffer     destination.
     * @param offset     of the message header.
     * @param exchange   exchange of the stream.
     * @param sequence   per-stream sequence, from 0.
     * @param sendTimeNs send time on the {@link System#nanoTime()} clock, carried in {@code exchangeTimeNs}.
     * @param epochNs    collector receive and publish time, ns since the epoch.
     * @return bytes written, {@link #MESSAGE_LENGTH}.
     */
    int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final Exchange exchange,
        final long sequence,
        final long sendTimeNs,
        final long epochNs)
    {
        tradeEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .exchangeTimeNs(sendTimeNs)
            .receiveTimeNs(epochNs)
            .publishTimeNs(epochNs)
            .tradeId(sequence)
            .price(PRICE)
            .quantity(QUANTITY)
            .sequence(sequence & SEQUENCE_MASK)
            .instrumentId(1)
            .exchange(exchange)
            .aggressorSide(AggressorSide.BUY);
        return MESSAGE_LENGTH;
    }

    /**
     * The 32-bit wire form of a sequence.
     *
     * @param sequence sequence from 0.
     * @return the value the wire carries.
     */
    static long wireSequence(final long sequence)
    {
        return sequence & SEQUENCE_MASK;
    }
}
