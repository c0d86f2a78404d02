/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.alphapulse.driver.DriverLoss;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs system components as child processes of this JVM, exactly as they run in production ({@code pulse <command>}),
 * each with its own log file. A child that exits with {@link DriverLoss#EXIT_STATUS} (its media driver was lost) is
 * started again with backoff, as systemd's {@code Restart=} does, and so is the media driver whatever its exit. Children watch this process and stop if it dies, so a killed supervisor leaves no
 * orphans; {@link #close()} stops them in reverse start order, SIGTERM first, SIGKILL after a grace period.
 */
final class Supervisor implements AutoCloseable
{
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /**
     * When a child that exits on its own is started again.
     */
    enum Restart
    {
        /**
         * Never: its exit stops the supervised system ({@code onUnexpectedExit}).
         */
        NEVER,

        /**
         * When it exits with {@link DriverLoss#EXIT_STATUS} (its media driver was lost or missing): the standard
         * Aeron operating model; any other exit stops the supervised system.
         */
        ON_DRIVER_LOSS,

        /**
         * Whatever its exit (the media driver itself: everything else depends on it).
         */
        ALWAYS
    }

    /**
     * A started child; {@link #process()} is the current process, a new one after each restart.
     */
    static final class Child
    {
        private final String name;
        private final List<String> args;
        private final java.util.Map<String, String> environment;
        private final Restart restart;
        private final Runnable onUnexpectedExit;
        private final Path log;
        private volatile Process process;
        private long startedNs;
        private int consecutiveRestarts;
        private int restarts;

        Child(
            final String name,
            final List<String> args,
            final java.util.Map<String, String> environment,
            final Restart restart,
            final Runnable onUnexpectedExit,
            final Path log)
        {
            this.name = name;
            this.args = args;
            this.environment = environment;
            this.restart = restart;
            this.onUnexpectedExit = onUnexpectedExit;
            this.log = log;
        }

        /**
         * @return component name.
         */
        String name()
        {
            return name;
        }

        /**
         * @return the current process.
         */
        Process process()
        {
            return process;
        }

        /**
         * @return where its output goes.
         */
        Path log()
        {
            return log;
        }

        /**
         * @return how many times it was restarted.
         */
        synchronized int restarts()
        {
            return restarts;
        }
    }

    /**
     * Backoff of restarts: 1 s, doubling to 30 s for a child that keeps exiting; reset once it ran for a minute.
     */
    static final long RESTART_DELAY_MIN_MS = 1_000;
    static final long RESTART_DELAY_MAX_MS = 30_000;
    private static final long STABLE_RUN_NS = TimeUnit.MINUTES.toNanos(1);

    private final Path logDir;
    private final PrintStream out;
    private final List<Child> children = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService restarter =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "supervisor-restarts");
            thread.setDaemon(true);
            return thread;
        });
    private volatile boolean stopping;

    Supervisor(final Path logDir, final PrintStream out) throws IOException
    {
        this.logDir = Files.createDirectories(logDir);
        this.out = out;
    }

    /**
     * Start {@code pulse <args>} as a child process.
     *
     * @param name component name, also the log file name.
     * @param args pulse command and options.
     * @param onUnexpectedExit called if the child exits before {@link #close()}.
     * @return the child.
     * @throws IOException if the process cannot start.
     */
    Child start(final String name, final List<String> args, final Runnable onUnexpectedExit) throws IOException
    {
        return start(name, args, java.util.Map.of(), onUnexpectedExit);
    }

    /**
     * Start {@code pulse <args>} as a child process with extra environment variables (secrets go this way, never on
     * the command line, where {@code ps} would show them).
     *
     * @param name             component name, also the log file name.
     * @param args             pulse command and options.
     * @param environment      variables added to this process's environment.
     * @param onUnexpectedExit called if the child exits before {@link #close()}.
     * @return the child.
     * @throws IOException if the process cannot start.
     */
    Child start(
        final String name,
        final List<String> args,
        final java.util.Map<String, String> environment,
        final Runnable onUnexpectedExit) throws IOException
    {
        return start(name, args, environment, Restart.ON_DRIVER_LOSS, onUnexpectedExit);
    }

    /**
     * Start {@code pulse <args>} as a child process that is restarted, with backoff, as {@code restart} says.
     *
     * @param name             component name, also the log file name.
     * @param args             pulse command and options.
     * @param environment      variables added to this process's environment.
     * @param restart          when it is restarted after exiting on its own.
     * @param onUnexpectedExit called if the child exits before {@link #close()} and is not restarted.
     * @return the child.
     * @throws IOException if the process cannot start.
     */
    Child start(
        final String name,
        final List<String> args,
        final java.util.Map<String, String> environment,
        final Restart restart,
        final Runnable onUnexpectedExit) throws IOException
    {
        final Child child = new Child(
            name, List.copyOf(args), java.util.Map.copyOf(environment), restart, onUnexpectedExit,
            logDir.resolve(name + ".log"));
        launch(child);
        children.add(child);
        return child;
    }

    private void launch(final Child child) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!jvmArg.startsWith("-D" + Pulse.SUPERVISOR_PID_PROP_NAME))
            {
                command.add(jvmArg);
            }
        }
        command.add("-D" + Pulse.SUPERVISOR_PID_PROP_NAME + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Pulse.class.getName());
        command.addAll(child.args);

        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(child.environment);
        final Process process = builder
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(child.log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
        synchronized (child)
        {
            child.process = process;
            child.startedNs = System.nanoTime();
        }
        process.onExit().thenRun(() -> onExit(child, process));
    }

    private void onExit(final Child child, final Process process)
    {
        if (stopping)
        {
            return;
        }
        final int status = process.exitValue();
        final boolean restart = Restart.ALWAYS == child.restart ||
            (Restart.ON_DRIVER_LOSS == child.restart && DriverLoss.EXIT_STATUS == status);
        if (!restart)
        {
            out.println("!! " + child.name + " (pid " + process.pid() + ") exited unexpectedly with code " + status +
                "; see " + child.log);
            child.onUnexpectedExit.run();
            return;
        }

        final long delayMs;
        final int count;
        synchronized (child)
        {
            if (System.nanoTime() - child.startedNs >= STABLE_RUN_NS)
            {
                child.consecutiveRestarts = 0;
            }
            delayMs = restartDelayMs(child.consecutiveRestarts);
            child.consecutiveRestarts++;
            count = ++child.restarts;
        }
        out.println("!! " + child.name + " (pid " + process.pid() + ") exited with code " + status +
            (DriverLoss.EXIT_STATUS == status ? " (media driver lost or missing)" : "") + "; restarting it in " +
            delayMs + " ms (restart " + count + "); see " + child.log);
        out.flush();
        restarter.schedule(() -> restart(child), delayMs, TimeUnit.MILLISECONDS);
    }

    private void restart(final Child child)
    {
        try
        {
            synchronized (this)
            {
                if (stopping)
                {
                    return;
                }
                launch(child);
            }
            out.println("restarted " + child.name + " (pid " + child.process.pid() + ")");
            out.flush();
        }
        catch (final IOException | RuntimeException ex)
        {
            out.println("!! could not restart " + child.name + ": " + ex);
            child.onUnexpectedExit.run();
        }
    }

    /**
     * Delay before the next restart of a child that exited this many times in a row: 1 s doubling to 30 s.
     *
     * @param consecutiveRestarts restarts in a row so far.
     * @return delay in ms.
     */
    static long restartDelayMs(final int consecutiveRestarts)
    {
        return Math.min(RESTART_DELAY_MAX_MS, RESTART_DELAY_MIN_MS << Math.min(consecutiveRestarts, 10));
    }

    /**
     * Wait for a child to become ready.
     *
     * @param child   the child.
     * @param ready   readiness condition.
     * @param timeout how long to wait.
     * @throws IllegalStateException naming the child and its log if it dies or does not become ready in time.
     */
    void awaitReady(final Child child, final BooleanSupplier ready, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean())
        {
            if (!child.process().isAlive())
            {
                throw new IllegalStateException(child.name() + " exited during start-up with code " +
                    child.process().exitValue() + "; see " + child.log());
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException(child.name() + " not ready after " + timeout.toSeconds() +
                    " s; see " + child.log());
            }
            parkBriefly();
        }
    }

    /**
     * Children in start order.
     *
     * @return children in start order.
     */
    List<Child> children()
    {
        return List.copyOf(children);
    }

    /**
     * Stop every child in reverse start order: SIGTERM, then SIGKILL after a grace period.
     */
    public void close()
    {
        synchronized (this)
        {
            stopping = true;
        }
        restarter.shutdownNow();
        for (int i = children.size() - 1; i >= 0; i--)
        {
            final Child child = children.get(i);
            final Process process = child.process();
            if (process.isAlive())
            {
                out.println("stopping " + child.name() + " (pid " + process.pid() + ")");
                process.destroy();
                try
                {
                    if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS))
                    {
                        out.println("!! " + child.name() + " did not stop within " + STOP_GRACE.toSeconds() +
                            " s; killing it");
                        process.destroyForcibly().waitFor();
                    }
                }
                catch (final InterruptedException ex)
                {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void parkBriefly()
    {
        try
        {
            Thread.sleep(50);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child", ex);
        }
    }
}
