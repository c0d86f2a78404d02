/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.alphapulse.schemas.marketdata.Exchange;

/**
 * Health of one exchange's feed as seen in the merged stream: connection state, counts of gaps, resyncs, stale
 * channels and checksum failures, the last message time, and what the bridge itself skipped. Owned by the agent.
 */
final class FeedStatus
{
    final Exchange exchange;
    final String name;
    String connection = "unknown";
    long gaps;
    long resyncs;
    long stale;
    long checksumFailures;
    long malformed;
    long bridgeSkipped;
    long lastMessageReceiveNs = Long.MIN_VALUE;
    long lastSequence = -1;
    String lastEvent;

    FeedStatus(final Exchange exchange)
    {
        this.exchange = exchange;
        this.name = exchange.name().toLowerCase(java.util.Locale.ROOT);
    }

    String encode(final StringBuilder out, final long nowEpochNs)
    {
        out.setLength(0);
        out.append("{\"type\":\"feed\",\"exchange\":\"").append(name).append("\",\"connection\":\"")
            .append(connection).append("\",\"gaps\":").append(gaps).append(",\"resyncs\":").append(resyncs)
            .append(",\"stale\":").append(stale).append(",\"checksumFailures\":").append(checksumFailures)
            .append(",\"malformed\":").append(malformed).append(",\"bridgeSkipped\":").append(bridgeSkipped)
            .append(",\"lastMessageTime\":");
        Json.time(out, lastMessageReceiveNs);
        out.append(",\"lastMessageAgeMs\":");
        if (Long.MIN_VALUE == lastMessageReceiveNs)
        {
            out.append("null");
        }
        else
        {
            out.append(Math.max(0, (nowEpochNs - lastMessageReceiveNs) / 1_000_000));
        }
        out.append(",\"lastEvent\":");
        Json.string(out, lastEvent);
        out.append(",\"time\":");
        Json.time(out, nowEpochNs);
        return out.append('}').toString();
    }
}
