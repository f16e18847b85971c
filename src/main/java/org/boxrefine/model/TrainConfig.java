package org.boxrefine.model;

/**
 * Optimiser settings for training a patch classifier.
 *
 * @param batchSize    patches per optimiser step
 * @param learningRate Adam's learning rate
 * @param seed         seeds PyTorch's parameter initialisation
 */
public record TrainConfig(int batchSize, float learningRate, long seed) {
    public TrainConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, found " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), found " + learningRate);
        }
    }

    /** Batch 128 and learning rate 1e-3, the measured sweet spot on two cores. */
    public static TrainConfig defaults(long seed) {
        return new TrainConfig(128, 1e-3f, seed);
    }
}
