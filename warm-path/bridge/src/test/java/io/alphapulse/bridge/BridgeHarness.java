/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import org.agrona.CloseHelper;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A real media driver and Archive in a temporary directory, a publication on the merged stream (as the relay's),
 * and a bridge on port 0 reading it on the untethered channel.
 */
final class BridgeHarness implements AutoCloseable
{
    final PulseMediaDriver driver;
    final Aeron aeron;
    final ExclusivePublication publication;
    final MergedStreamPublisher publisher;
    final Bridge bridge;
    final HttpClient http = HttpClient.newHttpClient();

    BridgeHarness(final Path dir, final UnaryOperator<Bridge.Context> settings)
    {
        PulseMediaDriver launchedDriver = null;
        Aeron client = null;
        Bridge launchedBridge = null;
        try
        {
            launchedDriver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
                .profile(Profile.SHARED)
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .archiveDirectoryName(dir.resolve("archive").toString()));
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(launchedDriver.aeronDirectoryName()));
            publication = client.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
            launchedBridge = Bridge.launch(settings.apply(new Bridge.Context()
                .aeronDirectoryName(launchedDriver.aeronDirectoryName())
                .profile(Profile.SHARED)
                .host("127.0.0.1")
                .port(0)));
            final Bridge started = launchedBridge;
            TestClient.awaitTrue(() -> started.isLive() && publication.isConnected(), 20_000,
                "the bridge to subscribe to the merged stream");
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(launchedBridge, client, launchedDriver);
            throw ex;
        }
        driver = launchedDriver;
        aeron = client;
        bridge = launchedBridge;
        publisher = new MergedStreamPublisher(publication);
    }

    void awaitReceived(final long messages)
    {
        TestClient.awaitTrue(() -> bridge.stats().messagesReceived.get() >= messages, 20_000,
            "the bridge to read " + messages + " messages (read " + bridge.stats().messagesReceived.get() + ")");
    }

    public void close()
    {
        CloseHelper.closeAll(bridge, aeron, driver);
        http.close();
    }
}
