/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.alphapulse.driver.MediaDriverConfiguration;
import picocli.CommandLine.Option;

/**
 * Options every process with a ledger session takes ({@code pulse engine}, {@code venue}, {@code projector}): the
 * system's media driver and the ledger members to connect to. A picocli mixin.
 */
public final class LedgerClientOptions
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--ledger-endpoints", paramLabel = "ENDPOINTS",
        description = "Ledger ingress endpoints, 0=host:port,... (default: one member on localhost:20100).")
    String ledgerEndpoints;

    /**
     * The Aeron directory: the option, else the configured default.
     *
     * @return directory name.
     */
    public String aeronDirectoryName()
    {
        return null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
    }

    /**
     * The ledger ingress endpoints given, or null for the process's default.
     *
     * @return endpoints or null.
     */
    public String ledgerEndpoints()
    {
        return ledgerEndpoints;
    }
}
