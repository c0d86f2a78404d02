/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class CounterTypesTest
{
    @Test
    void everyTypeIdConstantOfThePackageShouldHaveARow() throws Exception
    {
        final List<String> missing = new ArrayList<>();
        for (final Class<?> type : packageClasses())
        {
            if (type == CounterTypes.class)
            {
                continue;
            }
            for (final Field field : type.getDeclaredFields())
            {
                final int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && Modifier.isPublic(modifiers) &&
                    field.getType() == int.class)
                {
                    final int value = field.getInt(null);
                    if (CounterTypes.isAlphaPulse(value) && null == CounterTypes.forTypeId(value))
                    {
                        missing.add(type.getSimpleName() + "." + field.getName() + " = " + value);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "counter type ids without a row in CounterTypes: " + missing);
    }

    @Test
    void rowsShouldBeUniqueInTheirComponentRangeWithValidMetricNames()
    {
        final Set<String> names = new HashSet<>();
        for (final CounterTypes.Type type : CounterTypes.types())
        {
            assertEquals(CounterTypes.componentOf(type.typeId()), type.component(), type.toString());
            assertTrue(type.prometheusName().matches("[a-z_][a-z0-9_]*"), type.prometheusName());
            assertTrue(names.add(type.prometheusName()), "metric name used twice: " + type.prometheusName());
            assertTrue(type.label().startsWith(type.component() + " "), "label starts with the component: " + type);
            assertNotNull(type.meaning());
        }
    }

    @Test
    void readmeShouldListEveryTypeId() throws IOException
    {
        final Path root = Path.of("..").toAbsolutePath().normalize();
        final String table = CounterTypes.markdownTable();
        for (final Path readme : List.of(root.resolve("README.md"), root.resolve("ops/README.md")))
        {
            if (Files.exists(readme) && Files.readString(readme).contains(table))
            {
                return;
            }
        }
        fail("neither README.md nor ops/README.md holds the current counter table; paste this " +
            "(`ops/pulse stat --list-types` prints it):\n" + table);
    }

    @Test
    void snakeCaseShouldMakePrometheusNames()
    {
        assertEquals("bytes_sent", CounterTypes.snakeCase("Bytes sent"));
        assertEquals("sub_pos", CounterTypes.snakeCase("sub-pos"));
        assertEquals("naks_received_nak_count", CounterTypes.snakeCase("NAKs received (NAK count)"));
    }

    private static List<Class<?>> packageClasses() throws URISyntaxException, IOException, ClassNotFoundException
    {
        final Path dir = Path.of(CounterTypes.class.getResource("CounterTypes.class").toURI()).getParent();
        final List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.toList())
            {
                final String name = file.getFileName().toString();
                if (name.endsWith(".class"))
                {
                    classes.add(Class.forName(CounterTypes.class.getPackageName() + "." +
                        name.substring(0, name.length() - ".class".length())));
                }
            }
        }
        assertTrue(classes.contains(PulseCounters.class) && classes.contains(RelayCounterTypes.class));
        return classes;
    }
}
