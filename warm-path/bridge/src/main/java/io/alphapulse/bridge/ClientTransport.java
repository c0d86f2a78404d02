/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

/**
 * The socket under a {@link ClientSession}: an asynchronous text send that reports back to the session, and close.
 */
interface ClientTransport
{
    /**
     * Start sending one text message without blocking; call {@link ClientSession#onSendSucceeded()} or
     * {@link ClientSession#onSendFailed(Throwable)} when it completes (possibly before this returns).
     *
     * @param text    message.
     * @param session to notify.
     */
    void send(String text, ClientSession session);

    /**
     * Close with a code and reason, after any send in flight.
     *
     * @param code   WebSocket close code.
     * @param reason reason, at most 123 bytes.
     */
    void close(int code, String reason);

    /**
     * Drop the connection without a close handshake (a client that never reads its close frame).
     */
    void disconnect();
}
