/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.alphapulse.schemas.trading.MessageHeaderDecoder;
import io.alphapulse.schemas.trading.OrderAcceptedDecoder;
import io.alphapulse.schemas.trading.OrderCancelledDecoder;
import io.alphapulse.schemas.trading.OrderRejectedDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders and cancels from the API to the ledger cluster, through the ledger's own {@link LedgerClient} and
 * {@link LedgerProxy}. The client is not thread safe, so one thread owns it: it connects on the first order (so the
 * API starts and serves without a ledger), polls egress and sends keep-alives while connected, and drops the
 * connection on failure so the next order reconnects. When no media driver or no cluster answers, the caller gets a
 * 503 problem that says so.
 * <p>
 * Every order and cancel waits for the ledger's answer on egress (OrderAccepted / OrderRejected, OrderCancelled /
 * OrderRejected for the API's strategy and that client order id), so a caller is told what the ledger did, not only
 * that a message left: an offer into a publication whose cluster has just died is accepted by Aeron and then lost,
 * and only the missing answer shows it. No answer within the timeout: 503 naming the client order id, whose fate is
 * then unknown (the caller checks the orders list before sending it again), and the session is dropped so the next
 * order reconnects. Fills and later changes reach the API through the projector's tables.
 */
final class LedgerGateway implements AutoCloseable
{
    private final String aeronDirectoryName;
    private final String ingressEndpoints;
    private final long timeoutMs;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) ->
    {
        final Thread thread = new Thread(runnable, "api-ledger");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong lastClientOrderId = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final int strategyId;
    private final EgressAdapter egress = new EgressAdapter();
    private LedgerClient client;
    private LedgerProxy proxy;
    private ScheduledFuture<?> poller;
    private volatile boolean connected;

    /**
     * What the ledger answered.
     *
     * @param accepted true for OrderAccepted or OrderCancelled, false for OrderRejected.
     * @param orderId  ledger order id (accepted or cancelled), else 0.
     * @param reason   reject reason code, when rejected.
     * @param detail   reject detail, when rejected.
     */
    record Outcome(boolean accepted, long orderId, String reason, String detail)
    {
    }

    LedgerGateway(
        final String aeronDirectoryName, final String ingressEndpoints, final long timeoutMs, final int strategyId)
    {
        this.strategyId = strategyId;
        this.aeronDirectoryName = aeronDirectoryName;
        this.ingressEndpoints = ingressEndpoints;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Whether a session with the cluster is open now.
     *
     * @return true when connected.
     */
    boolean isConnected()
    {
        return connected;
    }

    /**
     * A client order id for the API's strategy: increasing (microseconds since the epoch, bumped on collision), so
     * ids stay increasing across API restarts as the ledger requires per strategy.
     *
     * @return the id.
     */
    long nextClientOrderId()
    {
        final long nowMicros = System.currentTimeMillis() * 1_000L;
        return lastClientOrderId.updateAndGet((last) -> Math.max(last + 1, nowMicros));
    }

    Outcome newOrder(
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        return run(clientOrderId, () -> proxy.newOrder(System.currentTimeMillis() * 1_000_000L, clientOrderId,
            portfolioId, strategyId, instrumentId, side, orderType, timeInForce, price, quantity));
    }

    Outcome cancelOrder(final long clientOrderId, final int portfolioId, final int strategyId)
    {
        return run(clientOrderId, () -> proxy.cancelOrder(System.currentTimeMillis() * 1_000_000L, clientOrderId,
            portfolioId, strategyId));
    }

    private interface Send
    {
        boolean send();
    }

    private Outcome run(final long clientOrderId, final Send send)
    {
        final CompletableFuture<Outcome> answer = new CompletableFuture<>();
        if (null != pending.putIfAbsent(clientOrderId, answer))
        {
            throw ApiException.conflict("a request for client order " + clientOrderId + " is already waiting for " +
                "the ledger; try again in a moment");
        }
        try
        {
            send(send);
            try
            {
                return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                executor.execute(this::disconnect);
                throw ApiException.unavailable("ledger-unavailable", "the ledger did not confirm client order " +
                    clientOrderId + " within " + timeoutMs + " ms (it may be down or changing leader); the order " +
                    "may or may not be booked: check GET /api/v1/orders before sending it again");
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw ApiException.unavailable("ledger-unavailable", "interrupted while waiting for the ledger");
            }
            catch (final ExecutionException ex)
            {
                throw ApiException.unavailable("ledger-unavailable", "waiting for the ledger failed: " + ex.getCause());
            }
        }
        finally
        {
            pending.remove(clientOrderId, answer);
        }
    }

    private void send(final Send send)
    {
        final Future<String> outcome = executor.submit(() ->
        {
            final String problem = connect();
            if (null != problem)
            {
                return problem;
            }
            if (!send.send())
            {
                disconnect();
                return "the ledger did not take the message (back-pressure or a leader change); try again";
            }
            return null;
        });
        final String problem;
        try
        {
            problem = outcome.get(2 * timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            outcome.cancel(true);
            throw ApiException.unavailable("ledger-unavailable", "the ledger did not answer within " +
                (2 * timeoutMs + 1_000) + " ms; check that ops/pulse ledger runs");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("ledger-unavailable", "interrupted while sending to the ledger");
        }
        catch (final ExecutionException ex)
        {
            throw ApiException.unavailable("ledger-unavailable", "sending to the ledger failed: " + ex.getCause());
        }
        if (null != problem)
        {
            throw ApiException.unavailable("ledger-unavailable", problem);
        }
    }

    /**
     * On the gateway thread: connect if needed.
     *
     * @return null when connected, else why not.
     */
    private String connect()
    {
        if (null != client)
        {
            return null;
        }
        if (!MediaDriverConfiguration.driverPresent(aeronDirectoryName))
        {
            return "the ledger is not reachable: no media driver in " + aeronDirectoryName + " (start ops/pulse " +
                "media-driver and ops/pulse ledger, or give the API the right --aeron-dir)";
        }
        try
        {
            client = LedgerClient.connect(new LedgerClient.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .ingressEndpoints(ingressEndpoints)
                .messageTimeoutNs(TimeUnit.MILLISECONDS.toNanos(timeoutMs))
                .offerRetries(1_000),
                egress);
            proxy = new LedgerProxy(client);
            connected = true;
            poller = executor.scheduleWithFixedDelay(this::poll, 2, 2, TimeUnit.MILLISECONDS);
            return null;
        }
        catch (final RuntimeException ex)
        {
            disconnect();
            return "the ledger is not reachable at " + ingressEndpoints + " (" + ex.getClass().getSimpleName() +
                ": " + ex.getMessage() + "); start ops/pulse ledger, or give the API the right --ledger-endpoints";
        }
    }

    private void poll()
    {
        try
        {
            if (null != client)
            {
                client.poll();
            }
        }
        catch (final RuntimeException ex)
        {
            disconnect();
        }
    }

    private void disconnect()
    {
        connected = false;
        if (null != poller)
        {
            poller.cancel(false);
            poller = null;
        }
        CloseHelper.quietClose(client);
        client = null;
        proxy = null;
    }

    /**
     * Decodes the ledger's answers to the API's own orders and completes the waiting requests; everything else on
     * egress is for other clients or reaches the API through the projector.
     */
    private final class EgressAdapter implements EgressListener
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
        private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();

        public void onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header h)
        {
            if (pending.isEmpty() || length < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                return;
            }
            header.wrap(buffer, offset);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                return;
            }
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case OrderAcceptedDecoder.TEMPLATE_ID ->
                {
                    accepted.wrap(buffer, body, header.blockLength(), header.version());
                    if (accepted.strategyId() == strategyId)
                    {
                        complete(accepted.clientOrderId(), new Outcome(true, accepted.orderId(), null, null));
                    }
                }
                case OrderCancelledDecoder.TEMPLATE_ID ->
                {
                    cancelled.wrap(buffer, body, header.blockLength(), header.version());
                    if (cancelled.strategyId() == strategyId)
                    {
                        complete(cancelled.clientOrderId(), new Outcome(true, cancelled.orderId(), null, null));
                    }
                }
                case OrderRejectedDecoder.TEMPLATE_ID ->
                {
                    rejected.wrap(buffer, body, header.blockLength(), header.version());
                    if (rejected.strategyId() == strategyId)
                    {
                        final long clientOrderId = rejected.clientOrderId();
                        final String reason = String.valueOf(rejected.reason());
                        complete(clientOrderId, new Outcome(false, 0, reason, rejected.detail()));
                    }
                }
                default ->
                {
                }
            }
        }

        private void complete(final long clientOrderId, final Outcome outcome)
        {
            final CompletableFuture<Outcome> answer = pending.get(clientOrderId);
            if (null != answer)
            {
                answer.complete(outcome);
            }
        }
    }

    public void close()
    {
        try
        {
            executor.submit(this::disconnect).get(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            // Closing anyway.
        }
        executor.shutdownNow();
    }
}
