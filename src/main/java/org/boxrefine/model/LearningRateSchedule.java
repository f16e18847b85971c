package org.boxrefine.model;

/** How Adam's learning rate moves over one training run of planned length. */
public enum LearningRateSchedule {
    /** The same rate at every step. */
    FIXED,
    /**
     * Half a cosine from the rate down to {@link #COSINE_FINAL_FRACTION} of it at the last planned
     * step, so that the run ends on small steps instead of wherever a full-size step left it.
     */
    COSINE;

    /** The share of the learning rate that {@link #COSINE} reaches at the last planned step. */
    public static final double COSINE_FINAL_FRACTION = 0.01;
}
