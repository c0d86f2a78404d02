/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.alphapulse.auth.TokenVerifier;
import io.alphapulse.bridge.Bridge;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotEncoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver): a real media driver, a real bridge
 * fed by a synthetic publisher on the merged stream, and the API over a real PostgreSQL. The test signs in through
 * the page, sees live trades arrive from the bridge (authenticated with the API's token) and the candlestick chart
 * move, and keeps a screenshot in target/dashboard/dashboard.png. Skipped, saying why, when Chromium is missing.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DashboardBrowserIT
{
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final int INSTRUMENT_ID = 1;

    @TempDir
    Path dir;

    @Test
    void shouldSignInAndShowLiveTradesAndAMovingChart() throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "Chromium not installed: apt-get install chromium chromium-driver (.ci/run does); browser test skipped");

        PulseMediaDriver driver = null;
        Aeron aeron = null;
        Bridge bridge = null;
        ApiHarness api = null;
        WebDriver browser = null;
        final AtomicBoolean running = new AtomicBoolean(true);
        Thread publisherThread = null;
        try
        {
            driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
                .profile(Profile.SHARED)
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .archiveDirectoryName(dir.resolve("archive").toString()));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            final ExclusivePublication publication = aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL,
                StreamIds.MERGED);

            // The API first would need the bridge's URL; the bridge first needs the API's origin. The bridge goes
            // first (port 0) and allows any origin here; the demo names the API's origin instead.
            final ApiHarness.Holder secretHolder = new ApiHarness.Holder();
            bridge = Bridge.launch(new Bridge.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .profile(Profile.SHARED)
                .host("127.0.0.1")
                .port(0)
                .tokenVerifier(new TokenVerifier(secretHolder.secret))
                .allowedOrigins(List.of("*")));
            final String bridgeUrl = bridge.uri().toString();
            api = new ApiHarness(dir, secretHolder, (ctx) -> ctx.bridgeUrl(bridgeUrl));
            try (Connection connection = DriverManager.getConnection(api.postgres.jdbcUrl(), "postgres", null);
                Statement statement = connection.createStatement())
            {
                statement.execute("insert into instruments (exchange, instrument_id, symbol, venue_symbol, " +
                    "price_scale, quantity_scale) values ('KRAKEN', " + INSTRUMENT_ID + ", 'BTC-USD', 'XBT/USD', 2, 8)");
            }

            final SyntheticPublisher publisher = new SyntheticPublisher(publication);
            publisherThread = new Thread(() -> publisher.run(running), "synthetic-publisher");
            publisherThread.setDaemon(true);
            publisherThread.start();

            final io.alphapulse.bridge.BridgeStats stats = bridge.stats();
            final long deadlineMs = System.currentTimeMillis() + 30_000;
            while (!(bridge.isLive() && publication.isConnected()) && System.currentTimeMillis() < deadlineMs)
            {
                Thread.sleep(10);
            }
            assertTrue(bridge.isLive() && publication.isConnected(), "the bridge did not join the merged stream");
            browser = chromium();
            final WebDriver page = browser;
            final WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90))
            {
                @Override
                protected RuntimeException timeoutException(final String message, final Throwable lastException)
                {
                    return new org.openqa.selenium.TimeoutException(message + "; page state: " + state(page) +
                        "; bridge: received " + stats.messagesReceived + " sent " + stats.messagesSent + " clients " +
                        stats.clients + " dropped " + stats.droppedClients + " skipped " + stats.skipped +
                        " undecodable " + stats.undecodable + " bad " + stats.badRequests + "; published " +
                        publisher.published + " not " + publisher.notPublished, lastException);
                }
            };
            browser.get(api.server.uri() + "/");
            wait.until((b) -> b.findElement(By.id("login-form")).isDisplayed());
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(ApiHarness.ADMIN_PASSWORD);
            browser.findElement(By.id("login-button")).click();
            wait.until((b) -> b.findElement(By.id("main-view")).isDisplayed());
            assertFalse(browser.findElement(By.id("login-view")).isDisplayed(), "sign-in form still shown");
            wait.until((b) -> "live".equals(b.findElement(By.id("live-status")).getText()));

            // Live trades arrive in the tape...
            wait.until((b) -> Integer.parseInt(b.findElement(By.id("trade-count")).getText()) >= 5);
            // ...and move the chart.
            final WebElement chart = browser.findElement(By.id("chart"));
            final int updates = Integer.parseInt(chart.getDomAttribute("data-updates"));
            final String close = chart.getDomAttribute("data-last-close");
            wait.until((b) -> Integer.parseInt(b.findElement(By.id("chart")).getDomAttribute("data-updates")) >=
                updates + 5);
            wait.until((b) -> !close.equals(b.findElement(By.id("chart")).getDomAttribute("data-last-close")));
            assertTrue(Integer.parseInt(chart.getDomAttribute("data-candles")) >= 1);
            assertNotEquals(close, chart.getDomAttribute("data-last-close"));
            // The order book ladder from the bridge's book channel.
            wait.until((b) -> b.findElements(By.cssSelector("#book tbody tr")).size() >= 3);
            assertFalse(browser.findElement(By.id("trades")).getText().isBlank());

            assertTrue(Files.size(save(browser, "dashboard.png")) > 10_000);
        }
        finally
        {
            running.set(false);
            if (null != publisherThread)
            {
                publisherThread.join(5_000);
            }
            if (null != browser)
            {
                browser.quit();
            }
            CloseHelper.closeAll(api, bridge, aeron, driver);
        }
    }

    private static String state(final WebDriver page)
    {
        try
        {
            save(page, "failure.png");
            return String.valueOf(((org.openqa.selenium.JavascriptExecutor)page).executeScript(
                "const c = document.getElementById('chart'); return JSON.stringify({live: " +
                "document.getElementById('live-status').textContent, trades: " +
                "document.getElementById('trade-count').textContent, message: " +
                "document.getElementById('message').textContent, chart: Object.assign({}, c.dataset), " +
                "firstTrade: (document.querySelector('#trades tbody tr') || {}).textContent})"));
        }
        catch (final RuntimeException | java.io.IOException ex)
        {
            return "unavailable: " + ex;
        }
    }

    private static Path save(final WebDriver page, final String name) throws java.io.IOException
    {
        final File shot = ((TakesScreenshot)page).getScreenshotAs(OutputType.FILE);
        final Path artifacts = Path.of("target", "dashboard");
        Files.createDirectories(artifacts);
        final Path target = artifacts.resolve(name);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private WebDriver chromium() throws Exception
    {
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--window-size=1400,1000", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(service, options);
    }

    /**
     * Publishes like the relay: the instrument's definition every half second, a book snapshot, and a trade every
     * 100 ms with a price walking up and down, on the merged stream.
     */
    static final class SyntheticPublisher
    {
        private final ExclusivePublication publication;
        private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
        private final TradeEncoder trade = new TradeEncoder();
        private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
        private long sequence;
        volatile long published;
        volatile long notPublished;

        SyntheticPublisher(final ExclusivePublication publication)
        {
            this.publication = publication;
        }

        void run(final AtomicBoolean running)
        {
            long price = 5_000_000;
            for (long i = 0; running.get(); i++)
            {
                final long nowNs = System.currentTimeMillis() * 1_000_000L;
                if (0 == i % 5)
                {
                    definition.wrapAndApplyHeader(buffer, 0, header)
                        .exchangeTimeNs(InstrumentDefinitionEncoder.exchangeTimeNsNullValue()).receiveTimeNs(nowNs)
                        .publishTimeNs(nowNs).sequence(sequence++).instrumentId(INSTRUMENT_ID)
                        .exchange(Exchange.KRAKEN).priceScale((short)2).quantityScale((short)8).symbol("BTC-USD")
                        .venueSymbol("XBT/USD");
                    offer(MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength());
                    snapshot.wrapAndApplyHeader(buffer, 0, header)
                        .exchangeTimeNs(nowNs).receiveTimeNs(nowNs).publishTimeNs(nowNs)
                        .exchangeSequence(BookSnapshotEncoder.exchangeSequenceNullValue()).sequence(sequence++)
                        .instrumentId(INSTRUMENT_ID).exchange(Exchange.KRAKEN);
                    snapshot.flags().clear().lastInBatch(true);
                    final BookSnapshotEncoder.LevelsEncoder levels = snapshot.levelsCount(10);
                    for (int level = 1; level <= 5; level++)
                    {
                        levels.next().price(price - level * 100).quantity(level * 10_000_000L).side(BookSide.BID);
                    }
                    for (int level = 1; level <= 5; level++)
                    {
                        levels.next().price(price + level * 100).quantity(level * 10_000_000L).side(BookSide.ASK);
                    }
                    offer(MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength());
                }
                price += (i % 20) < 10 ? 150 : -100;
                trade.wrapAndApplyHeader(buffer, 0, header)
                    .exchangeTimeNs(nowNs).receiveTimeNs(nowNs).publishTimeNs(nowNs).tradeId(i).price(price)
                    .quantity(1_000_000L + i).sequence(sequence++).instrumentId(INSTRUMENT_ID)
                    .exchange(Exchange.KRAKEN).aggressorSide(0 == i % 2 ? AggressorSide.BUY : AggressorSide.SELL);
                offer(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
                try
                {
                    Thread.sleep(100);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void offer(final int length)
        {
            // Not connected yet or back-pressured: the next round publishes again; the test waits on what arrives.
            if (publication.offer(buffer, 0, length) > 0)
            {
                published++;
            }
            else
            {
                notPublished++;
            }
        }
    }
}
