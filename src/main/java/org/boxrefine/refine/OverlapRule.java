package org.boxrefine.refine;

/** What happens where several masks of one image claim a pixel. */
public enum OverlapRule {
    /** Every tag keeps its mask as refined on its own; masks may overlap. */
    KEEP_ALL,
    /**
     * The pixel goes to one claiming tag, the one whose network probability there is highest,
     * unless every claiming tag's probability is at least {@link RefineConfig#sharedConfidence()},
     * in which case all keep it (see {@link Overlaps}). A tag that would lose every pixel keeps
     * its own mask: a box always holds its object.
     */
    BY_PROBABILITY
}
