package org.boxrefine.refine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Wall time spent per stage of a refine run, summed over images (and over threads when stages
 * run in parallel), with a count per stage: simple timers for profiling, safe to update from
 * several threads. {@link Stage#TRAIN} excludes the loading and scaling done while training,
 * which count under their own stages.
 */
public final class StageTimes {
    /** The stages of a run; {@link #label()} names them for people. */
    public enum Stage {
        LOAD("load/decode"),
        SCALE("scaling"),
        TRAIN("training"),
        PREDICT("dense prediction"),
        SNAP("GrabCut snapping"),
        MASKS("masks (threshold, regions, holes, overlaps)"),
        WRITE("writing");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);
    private final Map<Stage, LongAdder> counts = new EnumMap<>(Stage.class);

    public StageTimes() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
            counts.put(s, new LongAdder());
        }
    }

    /** Adds the time since {@code startNanos} ({@link System#nanoTime()}) to {@code stage}, counting {@code units}. */
    public void add(Stage stage, long startNanos, long units) {
        nanos.get(stage).add(System.nanoTime() - startNanos);
        counts.get(stage).add(units);
    }

    /** Adds the time since {@code startNanos} to {@code stage}, counting one. */
    public void add(Stage stage, long startNanos) {
        add(stage, startNanos, 1);
    }

    /** Runs {@code work}, adding its time to {@code stage} and counting one; nothing is added when it throws. */
    public <T> T time(Stage stage, Supplier<T> work) {
        return time(stage, work, r -> 1);
    }

    /**
     * Runs {@code work}, adding its time to {@code stage} and counting {@code units} of its result; nothing is added
     * when it throws.
     */
    public <T> T time(Stage stage, Supplier<T> work, ToLongFunction<? super T> units) {
        long t0 = System.nanoTime();
        T result = work.get();
        add(stage, t0, units.applyAsLong(result));
        return result;
    }

    /** Adds a measured duration to {@code stage}. */
    public void addNanos(Stage stage, long durationNanos, long units) {
        nanos.get(stage).add(durationNanos);
        counts.get(stage).add(units);
    }

    public double seconds(Stage stage) {
        return nanos.get(stage).sum() / 1e9;
    }

    long nanos(Stage stage) {
        return nanos.get(stage).sum();
    }

    /** What the stage counted: images loaded, pixels predicted, tags snapped, ... as each stage's caller says. */
    public long count(Stage stage) {
        return counts.get(stage).sum();
    }

    /** Seconds summed over every stage. */
    public double totalSeconds() {
        long sum = 0;
        for (LongAdder a : nanos.values()) {
            sum += a.sum();
        }
        return sum / 1e9;
    }
}
