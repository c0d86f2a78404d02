/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code pulse exporter}: a Prometheus endpoint with every counter of every process on the host, read through the
 * media driver's CnC file, plus the exporter's own JVM metrics.
 */
@Command(
    name = "exporter",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Serve /metrics in the Prometheus text format: every Aeron counter of every process attached to the media",
        "driver (read through its CnC file at each scrape, so a restarted driver is picked up), named from the",
        "counter type table (`pulse stat --list-types`), e.g. alphapulse_relay_messages_total{exchange=\"KRAKEN\"};",
        "the driver's own counters (aeron_driver_*), stream positions and subscriber lag (aeron_stream_position_bytes,",
        "aeron_subscriber_lag_bytes), archive and cluster counters, alphapulse_driver_up, and JVM metrics.",
        "Scrape config and alert rules: ops/prometheus/; dashboard: ops/grafana/."
    })
final class ExporterCommand implements Callable<Integer>
{
    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 9464;

    @Option(names = "--host", paramLabel = "ADDRESS",
        description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String host = "0.0.0.0";

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    public Integer call() throws IOException
    {
        final String dir = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            HTTPServer server = start(host, port, dir))
        {
            System.out.println("exporter" + System.lineSeparator() +
                "  metrics    http://" + host + ":" + server.getPort() + "/metrics" + System.lineSeparator() +
                "  aeron dir  " + dir + (MediaDriverConfiguration.driverPresent(dir) ? "" :
                " (no media driver yet: alphapulse_driver_up is 0 until one starts)"));
            System.out.println("running; Ctrl-C to stop");
            System.out.flush();
            barrier.await();
            System.out.println("stopping exporter");
        }
        return 0;
    }

    /**
     * Start an exporter.
     *
     * @param host               address to listen on.
     * @param port               port, 0 for any.
     * @param aeronDirectoryName the driver's directory.
     * @return the running server; {@link HTTPServer#getPort()} tells the port.
     * @throws IOException if it cannot listen.
     */
    static HTTPServer start(final String host, final int port, final String aeronDirectoryName) throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new CncMetrics(aeronDirectoryName));
        registry.register(new JvmMetrics());
        return HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
    }
}
