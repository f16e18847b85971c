package org.boxrefine.refine;

/** What the first network is trained on. */
public enum InitialLabels {
    /** The method's labels: a patch is foreground when its centre lies inside a tag. */
    BOXES,
    /** Plain GrabCut (rectangle start) on each tag: foreground inside its mask, background elsewhere. */
    GRABCUT,
    /**
     * Box-free: each image carries one tag covering it whole; a patch is background when its centre
     * lies within {@link RefineConfig#borderFraction()} of the image's shorter side from an edge,
     * foreground otherwise.
     */
    BORDER
}
