/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import org.agrona.DirectBuffer;

/**
 * Where encoded messages go: an Aeron publication in a collector, a JSON printer in {@code pulse decode}, a list in
 * tests.
 */
@FunctionalInterface
public interface MessageSink
{
    /**
     * Offer one encoded message.
     *
     * @param buffer holding the message.
     * @param offset of the message header.
     * @param length in bytes.
     * @return a positive value when accepted; otherwise Aeron's negative reasons
     * ({@code Publication.BACK_PRESSURED}, {@code NOT_CONNECTED}, {@code ADMIN_ACTION}, {@code CLOSED},
     * {@code MAX_POSITION_EXCEEDED}).
     */
    long offer(DirectBuffer buffer, int offset, int length);
}
