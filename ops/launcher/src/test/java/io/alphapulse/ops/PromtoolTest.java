/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules and scrape config in ops/prometheus pass {@code promtool check} and their unit tests
 * ({@code promtool test rules}). promtool comes with Debian's {@code prometheus} package, which {@code .ci/run}
 * installs; without it these tests are skipped, saying so.
 */
class PromtoolTest
{
    private static final Path PROMETHEUS_DIR = Path.of("..", "prometheus").toAbsolutePath().normalize();
    private static String promtool;

    @BeforeAll
    static void findPromtool()
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
        {
            final File candidate = new File(dir, "promtool");
            if (candidate.canExecute())
            {
                promtool = candidate.getPath();
                return;
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void alertRulesShouldPassPromtoolCheck() throws Exception
    {
        promtool("check", "rules", "alerts.yml");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void alertRulesShouldPassTheirUnitTests() throws Exception
    {
        promtool("test", "rules", "alerts_test.yml");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void scrapeConfigShouldPassPromtoolCheck() throws Exception
    {
        promtool("check", "config", "prometheus.yml");
    }

    private static void promtool(final String... args) throws Exception
    {
        assumeTrue(null != promtool, "promtool not found on PATH: install Debian's prometheus package " +
            "(apt-get install --no-install-recommends prometheus; .ci/run does this) to check the alert rules");
        final List<String> command = new ArrayList<>();
        command.add(promtool);
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command)
            .directory(PROMETHEUS_DIR.toFile())
            .redirectErrorStream(true)
            .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed:\n" + output);
    }
}
