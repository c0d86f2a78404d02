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
import org.agrona.CloseHelper;

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
 * 503 problem that says so. Outcomes (accepted, rejected, fills) reach the API through the projector's tables.
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
    private LedgerClient client;
    private LedgerProxy proxy;
    private ScheduledFuture<?> poller;
    private volatile boolean connected;

    LedgerGateway(final String aeronDirectoryName, final String ingressEndpoints, final long timeoutMs)
    {
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

    void newOrder(
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
        run(() -> proxy.newOrder(System.currentTimeMillis() * 1_000_000L, clientOrderId, portfolioId, strategyId,
            instrumentId, side, orderType, timeInForce, price, quantity));
    }

    void cancelOrder(final long clientOrderId, final int portfolioId, final int strategyId)
    {
        run(() -> proxy.cancelOrder(System.currentTimeMillis() * 1_000_000L, clientOrderId, portfolioId,
            strategyId));
    }

    private interface Send
    {
        boolean send();
    }

    private void run(final Send send)
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
                (clusterSessionId, timestamp, buffer, offset, length, header) ->
                {
                    // Outcomes come back through the projector's tables, not here.
                });
            proxy = new LedgerProxy(client);
            connected = true;
            poller = executor.scheduleWithFixedDelay(this::poll, 10, 10, TimeUnit.MILLISECONDS);
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
