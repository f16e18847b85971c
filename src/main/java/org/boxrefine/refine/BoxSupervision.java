package org.boxrefine.refine;

/**
 * Box-supervised fine-tuning after patch training (BoxInst's losses on the dense output): the
 * network's map over a crop around each tag is trained so that its maxima along rows and columns
 * match the tag's (projection) and neighbouring cells of similar colour inside the tag agree
 * (pairwise).
 *
 * @param epochs           passes over the data set; 0 turns it off
 * @param pairwiseWeight   weight of the pairwise loss against the projection loss
 * @param colourSimilarity colour affinity ({@code exp(-|dLab| / 2)}) from which two neighbouring
 *                         cells count as a pair
 * @param learningRate     Adam's learning rate
 */
public record BoxSupervision(int epochs, double pairwiseWeight, double colourSimilarity, double learningRate) {
    /** Share of the steps over which the pairwise weight rises from 0 (BoxInst's warm-up). */
    public static final double WARMUP_SHARE = 0.3;

    public BoxSupervision {
        if (epochs < 0) {
            throw new IllegalArgumentException("box-supervision epochs must be at least 0, found " + epochs);
        }
        if (!(pairwiseWeight >= 0)) {
            throw new IllegalArgumentException("pairwise weight must be at least 0, found " + pairwiseWeight);
        }
        if (!(colourSimilarity > 0 && colourSimilarity < 1)) {
            throw new IllegalArgumentException("colour similarity must be in (0, 1), found " + colourSimilarity);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), found " + learningRate);
        }
    }

    /** Off, with BoxInst's pairwise settings ready for {@link #withEpochs}. */
    public static BoxSupervision off() {
        return new BoxSupervision(0, 1.0, 0.3, 5e-4);
    }

    /** Whether fine-tuning runs. */
    public boolean enabled() {
        return epochs > 0;
    }

    /** The same settings for this many epochs. */
    public BoxSupervision withEpochs(int newEpochs) {
        return new BoxSupervision(newEpochs, pairwiseWeight, colourSimilarity, learningRate);
    }
}
