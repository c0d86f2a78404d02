/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import io.alphapulse.strategy.sample.CrossExchangeSpreadStrategy;
import io.alphapulse.strategy.sample.MovingAverageMomentumStrategy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The strategies selectable by name ({@code --strategy NAME}).
 */
public final class Strategies
{
    private static final Map<String, Function<StrategyParams, Strategy>> FACTORIES = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static
    {
        register(CrossExchangeSpreadStrategy.NAME, CrossExchangeSpreadStrategy::new,
            CrossExchangeSpreadStrategy.DESCRIPTION);
        register(MovingAverageMomentumStrategy.NAME, MovingAverageMomentumStrategy::new,
            MovingAverageMomentumStrategy.DESCRIPTION);
    }

    private Strategies()
    {
    }

    private static void register(
        final String name, final Function<StrategyParams, Strategy> factory, final String description)
    {
        FACTORIES.put(name, factory);
        DESCRIPTIONS.put(name, description);
    }

    /**
     * Create a strategy by name.
     *
     * @param name   a name from {@link #names()} (case-insensitive); {@code spread} and {@code momentum} are short
     *               forms.
     * @param params its parameters.
     * @return a new strategy.
     * @throws IllegalArgumentException naming the unknown strategy or bad parameter.
     */
    public static Strategy create(final String name, final StrategyParams params)
    {
        final String normalised = null == name ? "" : name.trim().toLowerCase(Locale.ROOT);
        final String resolved = switch (normalised)
        {
            case "spread" -> CrossExchangeSpreadStrategy.NAME;
            case "momentum" -> MovingAverageMomentumStrategy.NAME;
            default -> normalised;
        };
        final Function<StrategyParams, Strategy> factory = FACTORIES.get(resolved);
        if (null == factory)
        {
            throw new IllegalArgumentException("unknown strategy '" + name + "': use one of " + FACTORIES.keySet());
        }
        return factory.apply(params);
    }

    /**
     * Names and one-line descriptions, for {@code --help}.
     *
     * @return name to description.
     */
    public static Map<String, String> names()
    {
        return DESCRIPTIONS;
    }
}
