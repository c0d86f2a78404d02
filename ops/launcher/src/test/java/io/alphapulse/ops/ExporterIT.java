/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.alphapulse.driver.CounterTypes;
import io.alphapulse.driver.PulseCounters;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.RelayCounterTypes;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real media driver with counters registered as the components register them, scraped over HTTP.
 */
class ExporterIT
{
    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;
    private HTTPServer server;

    @BeforeEach
    void setUp()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString())
            .deleteDirsOnStart(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(server, aeron, driver);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldExportEveryCounterWithItsLabelsAndValue() throws Exception
    {
        final AtomicCounter published = PulseCounters.add(aeron, PulseCounters.COLLECTOR_MESSAGES_PUBLISHED_TYPE_ID,
            "collector messages published: exchange=KRAKEN");
        final AtomicCounter lastFrame = PulseCounters.add(aeron, PulseCounters.COLLECTOR_LAST_FRAME_TIME_TYPE_ID,
            "collector last frame time ns: exchange=KRAKEN");
        final AtomicCounter relayed = PulseCounters.add(aeron, RelayCounterTypes.MESSAGES,
            "relay messages: exchange=COINBASE");
        final AtomicCounter lag = PulseCounters.add(aeron, RelayCounterTypes.LAG_NS, "relay lag ns: exchange=BINANCE");
        final AtomicCounter cycle = PulseCounters.add(aeron, RelayCounterTypes.MAX_CYCLE_TIME_NS,
            "relay max cycle time ns");
        final AtomicCounter undocumented = PulseCounters.add(aeron, 4499, "engine widgets: strategy=spread");
        published.set(123_456);
        lastFrame.set(1_700_000_000_123_000_000L);
        relayed.set(789);
        lag.set(1_500_000);
        cycle.set(42_000);
        undocumented.set(7);

        final Publication publication = aeron.addPublication("aeron:ipc", 2001);
        final Subscription subscription = aeron.addSubscription("aeron:ipc", 2001);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        while (!subscription.isConnected() || publication.offer(message) < 0)
        {
            Thread.onSpinWait();
        }

        server = ExporterCommand.start("127.0.0.1", 0, driver.aeronDirectoryName());
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
            response.headers().toString());
        final Map<String, Double> metrics = parse(response.body());

        assertEquals(123_456.0, metrics.get("alphapulse_collector_messages_published_total{exchange=\"KRAKEN\"}"));
        assertEquals(1_700_000_000.123, metrics.get("alphapulse_collector_last_frame_time_seconds{exchange=\"KRAKEN\"}"),
            1e-6);
        assertEquals(789.0, metrics.get("alphapulse_relay_messages_total{exchange=\"COINBASE\"}"));
        assertEquals(0.0015, metrics.get("alphapulse_relay_lag_seconds{exchange=\"BINANCE\"}"), 1e-12);
        assertEquals(0.000042, metrics.get("alphapulse_relay_max_cycle_time_seconds"), 1e-12);
        assertEquals(7.0, metrics.get("alphapulse_engine_widgets{strategy=\"spread\",type_id=\"4499\"}"));
        assertEquals(1.0, metrics.get("alphapulse_driver_up"));
        assertTrue(metrics.keySet().stream().anyMatch((k) -> k.startsWith("aeron_driver_bytes_currently_mapped")),
            metrics.keySet().toString());
        assertNotNull(metrics.get("aeron_driver_errors_total"), metrics.keySet().toString());
        assertTrue(metrics.get("jvm_memory_used_bytes{area=\"heap\"}") > 0);
        assertTrue(metrics.keySet().stream().anyMatch((k) -> k.startsWith("aeron_subscriber_lag_bytes{") &&
            k.contains("stream_id=\"2001\"")), metrics.keySet().toString());
        assertTrue(metrics.keySet().stream().anyMatch((k) -> k.startsWith("aeron_stream_position_bytes{") &&
            k.contains("type=\"pub-pos\"")), metrics.keySet().toString());

        // Values are read at each scrape.
        published.set(200_000);
        final Map<String, Double> again = parse(HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(200_000.0, again.get("alphapulse_collector_messages_published_total{exchange=\"KRAKEN\"}"));
        CloseHelper.closeAll(published, lastFrame, relayed, lag, cycle, undocumented, publication, subscription);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void alertRulesAndDashboardShouldUseOnlyMetricNamesTheExporterEmits() throws Exception
    {
        final List<AtomicCounter> counters = new ArrayList<>();
        for (final CounterTypes.Type type : CounterTypes.types())
        {
            counters.add(PulseCounters.add(aeron, type.typeId(), type.label() + ": exchange=KRAKEN"));
        }
        final Publication publication = aeron.addPublication("aeron:ipc", 2001);
        final Subscription subscription = aeron.addSubscription("aeron:ipc", 2001);
        while (!subscription.isConnected())
        {
            Thread.onSpinWait();
        }
        server = ExporterCommand.start("127.0.0.1", 0, driver.aeronDirectoryName());
        final Set<String> emitted = new HashSet<>(CncMetrics.aeronNamedMetrics());
        emitted.add("up");
        for (final String series : parse(HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body()).keySet())
        {
            emitted.add(series.contains("{") ? series.substring(0, series.indexOf('{')) : series);
        }

        final Path ops = Path.of("..").toAbsolutePath().normalize();
        final Set<String> used = new TreeSet<>();
        used.addAll(metricNames(Files.readString(ops.resolve("prometheus/alerts.yml"))));
        used.addAll(metricNames(Files.readString(ops.resolve("grafana/alphapulse-dashboard.json"))));
        assertTrue(used.size() > 20, used.toString());
        final Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(emitted);
        assertTrue(unknown.isEmpty(), "used in ops/prometheus or ops/grafana but never emitted: " + unknown +
            "\nemitted: " + new TreeSet<>(emitted));
        CloseHelper.closeAll(counters);
        CloseHelper.closeAll(publication, subscription);
    }

    private static Set<String> metricNames(final String text)
    {
        final Set<String> names = new HashSet<>();
        final Matcher matcher = METRIC_NAME.matcher(NAME_REGEX.matcher(text).replaceAll(""));
        while (matcher.find())
        {
            names.add(matcher.group());
        }
        return names;
    }

    private static final Pattern NAME_REGEX = Pattern.compile("__name__=~\\\\?\"[^\"\\\\]*\\\\?\"");
    private static final Pattern METRIC_NAME =
        Pattern.compile("\\b(?:alphapulse|aeron|jvm|process)_[a-z0-9_]*[a-z0-9]\\b|\\bup(?=\\{)");

    /**
     * Series (name and labels as written) to value, from the Prometheus text format.
     *
     * @param body exposition.
     * @return series to value.
     */
    static Map<String, Double> parse(final String body)
    {
        final Map<String, Double> series = new HashMap<>();
        for (final String line : body.split("\n"))
        {
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return series;
    }
}
