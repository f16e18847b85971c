package org.boxrefine.refine;

/** How GrabCut is started inside a tag when masks are snapped ({@link SnapConfig}). */
public enum SnapStart {
    /** Every pixel of the tag starts as "probably foreground", as plain GrabCut from a rectangle does. */
    RECTANGLE,
    /** "Probably foreground" where the network's probability exceeds the seed threshold, else "probably background". */
    NETWORK,
    /**
     * Rectangle start on a feature image whose third channel is the network's probability (the
     * colours projected on their two principal components fill the other two), so GrabCut's colour
     * models weigh the network beside the colours.
     */
    PRIOR,
    /**
     * The {@link #NETWORK} start on a crop with {@link SnapConfig#autoMarginFraction()} of context where the network
     * is confident: over the whole tag (mean probability at least {@link SnapConfig#autoTagConfidence()}), or else
     * inside the mask of a first, rectangle-start snapping (at least {@link SnapConfig#autoConfidence()}); that
     * rectangle-start mask elsewhere. Box-free
     * ({@link InitialLabels#BORDER}) it is the rectangle start: a network trained on the border band is calibrated
     * differently, and switching lost 0.005 and 0.020 mean IoU there (docs/EVALUATION.md).
     */
    AUTO
}
