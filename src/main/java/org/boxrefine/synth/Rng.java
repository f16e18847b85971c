package org.boxrefine.synth;

import java.util.random.RandomGenerator;

/** Small helpers over a caller's random generator. */
final class Rng {
    private Rng() {
    }

    /** Uniform in [lo, hi); {@code lo} when the range is empty. */
    static double uniform(RandomGenerator rng, double lo, double hi) {
        return hi > lo ? rng.nextDouble(lo, hi) : lo;
    }

    /** Uniform integer in [lo, hi], both ends included. */
    static int between(RandomGenerator rng, int lo, int hi) {
        return hi > lo ? rng.nextInt(lo, hi + 1) : lo;
    }

    /** A uniformly chosen constant of {@code values}. */
    static <T> T pick(RandomGenerator rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }
}
