/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A {@link ClientTransport} over a Jetty WebSocket session: Jetty's asynchronous send. One callback instance serves
 * every send, since a session has at most one in flight.
 */
final class JettyTransport implements ClientTransport, Callback
{
    private final Session session;
    private volatile ClientSession client;

    JettyTransport(final Session session)
    {
        this.session = session;
    }

    public void send(final String text, final ClientSession client)
    {
        this.client = client;
        session.sendText(text, this);
    }

    public void close(final int code, final String reason)
    {
        session.close(code, reason, Callback.NOOP);
    }

    public void disconnect()
    {
        session.disconnect();
    }

    public void succeed()
    {
        client.onSendSucceeded();
    }

    public void fail(final Throwable error)
    {
        client.onSendFailed(error);
    }
}
