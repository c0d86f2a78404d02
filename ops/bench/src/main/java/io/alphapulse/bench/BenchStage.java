/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * One stage of {@code pulse bench}: a named group of figures measured together.
 */
public interface BenchStage
{
    /**
     * Name used with {@code --only}.
     *
     * @return name used with {@code --only}.
     */
    String name();

    /**
     * One line for {@code pulse bench --list}.
     *
     * @return one line describing the stage.
     */
    String description();

    /**
     * What the stage's figures are compared with, measured in the same run, for {@code pulse bench --list}; where
     * nothing comparable can run on this machine, {@code "none here"} and why. Never an invented figure.
     *
     * @return the anchor, or null when the stage has not declared one (the suite's completeness test fails then).
     */
    default String anchor()
    {
        return null;
    }

    /**
     * Measure the stage.
     *
     * @param quick    shorter warm-up and measurement (the {@code --quick} run, under five minutes in all).
     * @param progress where to report progress.
     * @return the figures.
     * @throws Exception when the stage cannot run; the suite reports it and goes on with the next stage.
     */
    List<BenchResult> run(boolean quick, PrintStream progress) throws Exception;
}
