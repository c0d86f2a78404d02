/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

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
 * each with its own log file. Children watch this process and stop if it dies, so a killed supervisor leaves no
 * orphans; {@link #close()} stops them in reverse start order, SIGTERM first, SIGKILL after a grace period.
 */
final class Supervisor implements AutoCloseable
{
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /**
     * A started child.
     *
     * @param name    component name.
     * @param process the process.
     * @param log     where its output goes.
     */
    record Child(String name, Process process, Path log)
    {
    }

    private final Path logDir;
    private final PrintStream out;
    private final List<Child> children = new ArrayList<>();
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
        command.addAll(args);

        final Path log = logDir.resolve(name + ".log");
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        final Process process = builder
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();

        final Child child = new Child(name, process, log);
        children.add(child);
        process.onExit().thenRun(() ->
        {
            if (!stopping)
            {
                out.println("!! " + name + " (pid " + process.pid() + ") exited unexpectedly with code " +
                    process.exitValue() + "; see " + log);
                onUnexpectedExit.run();
            }
        });
        return child;
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
        stopping = true;
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
