package org.boxrefine.model;

/**
 * Optimiser settings for training a patch classifier.
 *
 * @param batchSize     patches per optimiser step
 * @param learningRate  Adam's learning rate
 * @param seed          seeds PyTorch's parameter initialisation and the dropout masks
 * @param centreDropout centre-weighted input dropout during training: the probability of dropping
 *                      the patch pixels farthest from the centre; the centre pixel is always kept
 *                      (see {@link CentreDropout}). 0 turns it off; prediction never drops.
 * @param schedule      how the learning rate moves over the planned steps of a run
 */
public record TrainConfig(int batchSize, float learningRate, long seed, double centreDropout,
        LearningRateSchedule schedule) {
    public TrainConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, found " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), found " + learningRate);
        }
        if (!(centreDropout >= 0 && centreDropout < 1)) {
            throw new IllegalArgumentException("centre dropout must be in [0, 1), found " + centreDropout);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("a learning-rate schedule is needed (fixed or cosine), found none");
        }
    }

    /** Settings without centre dropout, with the default schedule. */
    public TrainConfig(int batchSize, float learningRate, long seed) {
        this(batchSize, learningRate, seed, 0, DEFAULT_SCHEDULE);
    }

    /** The schedule of {@link #defaults}. */
    public static final LearningRateSchedule DEFAULT_SCHEDULE = LearningRateSchedule.COSINE;

    /**
     * Batch 128 and learning rate 1e-3, the measured sweet spot on two cores, on a cosine schedule (stable
     * between seeds, docs/EVALUATION.md); no centre dropout.
     */
    public static TrainConfig defaults(long seed) {
        return new TrainConfig(128, 1e-3f, seed);
    }

    /** The same settings with this centre dropout (0 turns it off). */
    public TrainConfig withCentreDropout(double maxDrop) {
        return new TrainConfig(batchSize, learningRate, seed, maxDrop, schedule);
    }

    /** The same settings with this learning-rate schedule. */
    public TrainConfig withSchedule(LearningRateSchedule s) {
        return new TrainConfig(batchSize, learningRate, seed, centreDropout, s);
    }
}
