/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * How long an order may rest.
 */
public enum TimeInForce
{
    /**
     * Good till cancelled: rests until filled or cancelled.
     */
    GTC,

    /**
     * Immediate or cancel: what does not fill at once is cancelled.
     */
    IOC
}
