package org.boxrefine.model;

/**
 * Settings of box-supervised training (BoxInst's losses on the dense output): a projection loss
 * (the mask's maximum along each row and column must match the tags') plus a pairwise loss
 * (neighbouring cells of similar colour should share a label).
 *
 * @param pairwiseWeight weight of the pairwise loss after warm-up
 * @param warmupSteps    steps over which the pairwise weight rises linearly from 0
 * @param learningRate   Adam's learning rate
 */
public record BoxLossConfig(double pairwiseWeight, int warmupSteps, float learningRate) {
    public BoxLossConfig {
        if (!(pairwiseWeight >= 0)) {
            throw new IllegalArgumentException("pairwise weight must be at least 0, found " + pairwiseWeight);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be at least 0, found " + warmupSteps);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), found " + learningRate);
        }
    }

    /** The pairwise weight at a step (0-based). */
    public double pairwiseWeightAt(long step) {
        return warmupSteps == 0 ? pairwiseWeight : pairwiseWeight * Math.min(1.0, (double) step / warmupSteps);
    }
}
