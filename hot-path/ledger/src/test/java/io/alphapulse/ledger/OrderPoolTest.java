/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrderPoolTest
{
    @Test
    void aReleasedOrderIsHandedOutAgainCleared()
    {
        final OrderPool pool = new OrderPool();
        final Order order = pool.acquire();
        order.orderId = 5;
        order.clientOrderId = 6;
        order.portfolioId = 1;
        order.strategyId = 2;
        order.instrumentId = 3;
        order.side = Side.SELL;
        order.orderType = OrderType.LIMIT;
        order.timeInForce = TimeInForce.IOC;
        order.price = 100;
        order.quantity = 10;
        order.filledQuantity = 4;
        order.lastFillId = 9;
        order.acceptedTimeNs = 77;
        pool.release(order);
        assertEquals(1, pool.size());

        final Order again = pool.acquire();
        assertSame(order, again);
        assertEquals(0, pool.size());
        assertEquals(1, pool.created());
        assertEquals(0, again.orderId());
        assertEquals(0, again.clientOrderId());
        assertEquals(0, again.portfolioId());
        assertEquals(0, again.strategyId());
        assertEquals(0, again.instrumentId());
        assertNull(again.side());
        assertNull(again.orderType());
        assertNull(again.timeInForce());
        assertEquals(0, again.price());
        assertEquals(0, again.quantity());
        assertEquals(0, again.filledQuantity());
        assertEquals(0, again.lastFillId);
        assertEquals(0, again.acceptedTimeNs);
    }

    @Test
    void holdsAtMostItsLimitAndGrowsPastItsInitialArray()
    {
        final OrderPool pool = new OrderPool(100);
        final Order[] orders = new Order[150];
        for (int i = 0; i < orders.length; i++)
        {
            orders[i] = pool.acquire();
        }
        assertEquals(150, pool.created());
        for (final Order order : orders)
        {
            pool.release(order);
        }
        assertEquals(100, pool.size(), "the limit, beyond the initial array of 64");

        final Order[] reused = new Order[150];
        for (int i = 0; i < reused.length; i++)
        {
            reused[i] = pool.acquire();
        }
        assertEquals(200, pool.created(), "100 reused, 50 created");
        for (int i = 0; i < reused.length; i++)
        {
            for (int j = i + 1; j < reused.length; j++)
            {
                assertNotSame(reused[i], reused[j], "handed out twice");
            }
        }
    }

    @Test
    void aPoolOfNoneCreatesEveryOrder()
    {
        final OrderPool pool = new OrderPool(0);
        pool.release(pool.acquire());
        assertEquals(0, pool.size());
        pool.acquire();
        assertEquals(2, pool.created());
        assertThrows(IllegalArgumentException.class, () -> new OrderPool(-1));
    }
}
