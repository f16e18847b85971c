package org.boxrefine.refine;

/** What the first network is trained on. */
public enum InitialLabels {
    /** The method's labels: a patch is foreground when its centre lies inside a tag. */
    BOXES,
    /** Plain GrabCut (rectangle start) on each tag: foreground inside its mask, background elsewhere. */
    GRABCUT
}
