/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import picocli.CommandLine.Option;

/**
 * How a process with a ledger session ({@code pulse engine}, {@code venue}) reaches the ledger. A picocli mixin.
 */
public final class LedgerTransportOption
{
    @Option(names = "--ledger-transport", paramLabel = "auto|ipc|udp", defaultValue = "auto",
        description = "How to reach the ledger: auto (default) uses IPC through the member's own media driver when " +
        "one member runs on this host (<aeron dir>-ledger-<id>), else UDP; ipc or udp force one.")
    String ledgerTransport;

    /**
     * How to reach the ledger.
     *
     * @return {@code auto}, {@code ipc} or {@code udp}.
     */
    public String ledgerTransport()
    {
        return ledgerTransport;
    }
}
