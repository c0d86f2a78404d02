/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import org.agrona.IoUtil;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What every process attached to the system's media driver does when the driver is not there or stops: the standard
 * Aeron operating model, in one place.
 * <ul>
 *     <li>At start, a process whose driver is not (yet) there waits for it, saying so once, for at most
 *     {@link #WAIT_MS_PROP_NAME} (60 s by default), instead of crashing in a loop; then it exits with
 *     {@link #EXIT_STATUS}.</li>
 *     <li>While it runs, a watchdog thread reads the driver's heartbeat in the CnC file (what Aeron clients use to
 *     time the driver out) four times a second. When there has been none for {@link #TIMEOUT_MS_PROP_NAME} (half
 *     the Aeron client's driver timeout, 5 s by default), or none for a second and the driver's process (its pid in
 *     the CnC file) is gone, the process says so once, stops as on SIGTERM (its agents stop, the writer
 *     commits its batch) and exits with {@link #EXIT_STATUS} (75, {@code EX_TEMPFAIL}), so that its supervisor
 *     (systemd, {@code pulse demo}) starts it again once the driver is back. Every process resumes from what it
 *     persisted (Archive recordings, the relay's checkpoint, the writer's database watermark), as after a
 *     {@code kill -9}.</li>
 * </ul>
 * Why half the client's timeout: an Aeron client that times its driver out closes itself and unmaps the CnC file,
 * and an agent still updating a counter in it then crashes the JVM (SIGSEGV, seen before this class). Stopping first,
 * while the file is still mapped, is clean; if stopping takes longer than the other half, the process halts with the
 * same status (everything it owns is safe across {@code kill -9} anyway).
 */
public final class DriverLoss
{
    /**
     * Exit status of a process that stopped because its media driver was gone (or never came): {@code EX_TEMPFAIL}
     * from sysexits.h, "try again later". Supervisors restart on it.
     */
    public static final int EXIT_STATUS = 75;

    /**
     * How long a process waits at start for its media driver, in ms; negative: for ever.
     */
    public static final String WAIT_MS_PROP_NAME = "alphapulse.driver.wait.ms";

    /**
     * Environment variable for {@link #WAIT_MS_PROP_NAME}.
     */
    public static final String WAIT_MS_ENV_NAME = "ALPHAPULSE_DRIVER_WAIT_MS";

    /**
     * Default for {@link #WAIT_MS_PROP_NAME}.
     */
    public static final long WAIT_MS_DEFAULT = 60_000;

    /**
     * How long without a driver heartbeat makes the driver lost, in ms.
     */
    public static final String TIMEOUT_MS_PROP_NAME = "alphapulse.driver.loss.timeout.ms";

    /**
     * Environment variable for {@link #TIMEOUT_MS_PROP_NAME}.
     */
    public static final String TIMEOUT_MS_ENV_NAME = "ALPHAPULSE_DRIVER_LOSS_TIMEOUT_MS";

    private static final long CHECK_INTERVAL_MS = 250;
    private static final long DEAD_PROCESS_HEARTBEAT_AGE_MS = 1_000;

    /**
     * The body of a process: runs until the process should stop (it awaits a {@link ShutdownSignalBarrier}).
     */
    @FunctionalInterface
    public interface Body
    {
        /**
         * Run until stopped.
         *
         * @throws Exception on failure.
         */
        void run() throws Exception;
    }

    private DriverLoss()
    {
    }

    /**
     * Run a process attached to the media driver in a directory: wait for the driver, run the body while watching
     * the driver, and map the driver's loss to {@link #EXIT_STATUS}.
     *
     * @param role     the process's name in messages, e.g. {@code relay}.
     * @param aeronDir the driver's directory.
     * @param out      where the messages go.
     * @param body     the process.
     * @return 0 after a normal stop, {@link #EXIT_STATUS} when the driver was missing or lost.
     * @throws Exception what the body throws while the driver is there.
     */
    public static int run(final String role, final String aeronDir, final PrintStream out, final Body body)
        throws Exception
    {
        final long waitMs = Long.parseLong(MediaDriverConfiguration.property(
            WAIT_MS_PROP_NAME, WAIT_MS_ENV_NAME, Long.toString(WAIT_MS_DEFAULT)));
        if (!awaitDriver(role, aeronDir, waitMs, out))
        {
            out.println(role + ": no media driver at " + aeronDir + " after " + waitMs + " ms; exiting with status " +
                EXIT_STATUS + " so the supervisor restarts me (start one with `ops/pulse media-driver`, or point " +
                "--aeron-dir at it)");
            out.flush();
            return EXIT_STATUS;
        }

        try (Watchdog watchdog = Watchdog.start(role, aeronDir, timeoutMs(), out))
        {
            try
            {
                body.run();
            }
            catch (final Exception | Error ex)
            {
                if (!watchdog.lost())
                {
                    throw ex;
                }
                out.println(role + ": while stopping without a media driver: " + ex);
            }
            if (watchdog.lost())
            {
                out.println(role + ": stopped; exiting with status " + EXIT_STATUS);
                out.flush();
                return EXIT_STATUS;
            }
            return 0;
        }
    }

    /**
     * How long without a heartbeat makes the driver lost: {@link #TIMEOUT_MS_PROP_NAME}, else half the Aeron
     * client's driver timeout ({@code aeron.driver.timeout}).
     *
     * @return ms.
     */
    public static long timeoutMs()
    {
        return Long.parseLong(MediaDriverConfiguration.property(
            TIMEOUT_MS_PROP_NAME, TIMEOUT_MS_ENV_NAME, Long.toString(CommonContext.DRIVER_TIMEOUT_MS / 2)));
    }

    /**
     * Wait until a media driver with a fresh heartbeat runs in a directory, saying once that it waits. Checks four
     * times a second, sleeping in between.
     *
     * @param role     the process's name in messages.
     * @param aeronDir the driver's directory.
     * @param waitMs   at most this long; negative: for ever; 0: check once.
     * @param out      where the message goes.
     * @return true when the driver is there.
     * @throws InterruptedException if interrupted.
     */
    public static boolean awaitDriver(final String role, final String aeronDir, final long waitMs, final PrintStream out)
        throws InterruptedException
    {
        final long startNs = System.nanoTime();
        boolean said = false;
        while (!driverActive(aeronDir))
        {
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            if (waitMs >= 0 && waitedMs >= waitMs)
            {
                return false;
            }
            if (!said)
            {
                said = true;
                out.println(role + ": waiting for the media driver at " + aeronDir + " (" +
                    (waitMs < 0 ? "until it starts" : "at most " + waitMs + " ms, " + WAIT_MS_ENV_NAME) + ")");
                out.flush();
            }
            Thread.sleep(CHECK_INTERVAL_MS);
        }
        if (said)
        {
            out.println(role + ": media driver at " + aeronDir + " is up after " +
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) + " ms");
            out.flush();
        }
        return true;
    }

    /**
     * Whether a live driver runs in a directory: its CnC file is ready and its heartbeat is fresh by the same rule
     * the watchdog applies (younger than {@link #timeoutMs()}, and younger than a second when its process is gone).
     * A CnC file a killed driver left behind is not a driver.
     *
     * @param aeronDir the directory.
     * @return true when it does.
     */
    public static boolean driverActive(final String aeronDir)
    {
        final File cncFile = new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (!cncFile.exists() || cncFile.length() < CncFileDescriptor.META_DATA_LENGTH)
        {
            return false;
        }
        MappedByteBuffer cnc = null;
        try
        {
            cnc = IoUtil.mapExistingFile(cncFile, "cnc");
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            if (CncFileDescriptor.CNC_VERSION != metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0)))
            {
                return false;
            }
            final ManyToOneRingBuffer toDriver =
                new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(cnc, metaData));
            return !isLost(System.currentTimeMillis() - toDriver.consumerHeartbeatTime(), timeoutMs(),
                CncFileDescriptor.pid(metaData));
        }
        catch (final RuntimeException ex)
        {
            return false; // Being created or deleted right now.
        }
        finally
        {
            if (null != cnc)
            {
                IoUtil.unmap(cnc);
            }
        }
    }

    /**
     * The rule: no heartbeat for the timeout, or none for a second and the driver's process gone. A driver killed on
     * this host is known at once by its process: every moment a dead driver goes unnoticed, publishers fill IPC log
     * buffers that nothing records any more. The heartbeat must have stopped too, so a driver whose pid is not
     * visible here (another pid namespace) but which lives is never taken for dead.
     */
    static boolean isLost(final long heartbeatAgeMs, final long timeoutMs, final long driverPid)
    {
        return heartbeatAgeMs > timeoutMs ||
            (heartbeatAgeMs > DEAD_PROCESS_HEARTBEAT_AGE_MS && !processAlive(driverPid));
    }

    private static boolean processAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Reads the heartbeat of one driver (the CnC file it had at start) on its own thread.
     */
    static final class Watchdog implements AutoCloseable
    {
        private final String role;
        private final String aeronDir;
        private final long timeoutMs;
        private final PrintStream out;
        private final MappedByteBuffer cncByteBuffer;
        private final ManyToOneRingBuffer toDriver;
        private final long driverPid;
        private final Thread thread;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile boolean lost;

        private Watchdog(final String role, final String aeronDir, final long timeoutMs, final PrintStream out)
        {
            this.role = role;
            this.aeronDir = aeronDir;
            this.timeoutMs = timeoutMs;
            this.out = out;
            cncByteBuffer = IoUtil.mapExistingFile(new File(aeronDir, CncFileDescriptor.CNC_FILE), "cnc");
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cncByteBuffer);
            CncFileDescriptor.checkVersion(metaData.getInt(CncFileDescriptor.cncVersionOffset(0)));
            toDriver = new ManyToOneRingBuffer(CncFileDescriptor.createToDriverBuffer(cncByteBuffer, metaData));
            driverPid = CncFileDescriptor.pid(metaData);
            thread = new Thread(this::watch, "driver-watchdog");
            thread.setDaemon(true);
        }

        static Watchdog start(final String role, final String aeronDir, final long timeoutMs, final PrintStream out)
        {
            final Watchdog watchdog = new Watchdog(role, aeronDir, timeoutMs, out);
            watchdog.thread.start();
            return watchdog;
        }

        boolean lost()
        {
            return lost;
        }

        private void watch()
        {
            try
            {
                while (!done.await(CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS))
                {
                    final long ageMs = System.currentTimeMillis() - toDriver.consumerHeartbeatTime();
                    if (isLost(ageMs, timeoutMs, driverPid))
                    {
                        onLost(ageMs);
                        return;
                    }
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        private void onLost(final long ageMs) throws InterruptedException
        {
            lost = true;
            out.println(role + ": media driver at " + aeronDir + " (pid " + driverPid + ") stopped responding (no " +
                "heartbeat for " + ageMs + " ms" + (processAlive(driverPid) ? "" : ", process gone") +
                "); stopping, then exiting with status " + EXIT_STATUS +
                " so the supervisor restarts me once it is back");
            out.flush();
            try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
            {
                barrier.signalAll();
            }
            // Aeron's own clients time the driver out at twice our timeout, close and unmap the CnC file: be gone
            // before that, stopped or not (a counter written after the unmap would crash the JVM).
            final long stopBoundMs = Math.max(1_000, CommonContext.DRIVER_TIMEOUT_MS - ageMs - 1_000);
            if (!done.await(stopBoundMs, TimeUnit.MILLISECONDS))
            {
                out.println(role + ": did not stop within " + stopBoundMs + " ms; halting with status " +
                    EXIT_STATUS);
                out.flush();
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
        }

        public void close()
        {
            done.countDown();
            if (!lost)
            {
                try
                {
                    thread.join(TimeUnit.SECONDS.toMillis(1));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                IoUtil.unmap(cncByteBuffer);
            }
        }
    }
}
