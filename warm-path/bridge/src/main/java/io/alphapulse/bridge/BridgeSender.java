/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentLinkedQueue;

/**
 * The bridge's writer thread: takes sessions that have something queued and no send in flight, and starts one
 * asynchronous send of a batch for each. Keeps socket calls off the Aeron thread, and lets batches form while a
 * client's previous send is in flight.
 */
final class BridgeSender implements Agent
{
    private static final int SESSIONS_PER_CYCLE = 256;

    private final ManyToOneConcurrentLinkedQueue<ClientSession> ready = new ManyToOneConcurrentLinkedQueue<>();

    /**
     * Hand a session over for sending; called from any thread, at most once per session until its batch is sent.
     *
     * @param session with messages queued.
     */
    void schedule(final ClientSession session)
    {
        ready.offer(session);
    }

    public int doWork()
    {
        int work = 0;
        ClientSession session;
        while (work < SESSIONS_PER_CYCLE && null != (session = ready.poll()))
        {
            session.sendBatch();
            work++;
        }
        return work;
    }

    public String roleName()
    {
        return "bridge-sender";
    }
}
