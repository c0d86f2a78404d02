/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.projector;

import io.alphapulse.engine.LedgerClientOptions;
import io.alphapulse.sql.DatabaseOptions;
import io.alphapulse.sql.PulseDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pulse projector}.
 */
@Command(
    name = "projector",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Write every order, rejection, fill, position and balance change of the ledger to PostgreSQL (tables",
        "trading_orders, trading_order_rejections, trading_fills, trading_positions, trading_position_changes,",
        "trading_balances), idempotently, in batches. Reads the ledger's recorded log (replayed through a replica",
        "of the ledger) and stores its position with each batch, so a restarted projector catches up on",
        "everything it missed and writes nothing twice. Needs the ledger member's driver on this host.",
        "",
        "Database: --db-url (user from --db-user or ALPHAPULSE_DB_USER; the password from ALPHAPULSE_DB_PASSWORD",
        "or a mode-600 file, --db-password-file or ALPHAPULSE_DB_PASSWORD_FILE: no option takes the password",
        "itself, since `ps` shows every process's options); without",
        "--db-url, the embedded PostgreSQL of --var-dir: the one `pulse postgres` runs when it is up, else one",
        "started in this process. The schema is migrated at start.",
        "Needs the system's media driver and a running ledger."
    })
public final class ProjectorCommand implements Callable<Integer>
{
    @Mixin
    LedgerClientOptions ledgerClient;

    @Option(names = "--var-dir", paramLabel = "DIR",
        description = "Run-time data directory; the embedded PostgreSQL is in <DIR>/postgres (default: var).")
    Path varDir;

    @Option(names = "--ledger-aeron-dir", paramLabel = "DIR",
        description = "Aeron directory of the ledger member whose recorded log to follow (default: " +
        "<aeron dir>-ledger-<id> of the one member in --ledger-endpoints).")
    String ledgerAeronDir;

    @Mixin
    DatabaseOptions databaseOptions;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     * @throws Exception when the database cannot be reached.
     */
    public Integer call() throws Exception
    {
        final String aeronDirectoryName = ledgerClient.aeronDirectoryName();
        return io.alphapulse.driver.DriverLoss.run("projector", aeronDirectoryName, System.out,
            () -> run(aeronDirectoryName));
    }

    private void run(final String aeronDirectoryName) throws Exception
    {
        final PulseDatabase.Context dbCtx = databaseOptions.context(varDir);
        try (PulseDatabase database = PulseDatabase.open(dbCtx))
        {
            System.out.println("database: " + database.describe());
            final Projector.Context ctx = new Projector.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .database(database.url(), database.user(), dbCtx.password());
            if (null != ledgerClient.ledgerEndpoints())
            {
                ctx.ledgerEndpoints(ledgerClient.ledgerEndpoints());
            }
            ctx.ledgerAeronDirectoryName(ledgerAeronDir);
            Projector.runUntilShutdown(ctx, System.out);
        }
    }

    /**
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse projector}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ProjectorCommand()).execute(args));
    }
}
