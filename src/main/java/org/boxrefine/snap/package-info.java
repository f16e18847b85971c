/**
 * Boundary refinement: snapping a mask to the image's edges with OpenCV's GrabCut, seeded by the
 * network's probabilities, or with {@link org.boxrefine.snap.JointGrabCut}, GrabCut whose data term also
 * holds the network's log-probability (its minimum cut in {@link org.boxrefine.snap.MaxFlow}) and which can pin a
 * path to each side of the tag that its mask stops short of ({@link org.boxrefine.snap.Reach}). The only
 * package that imports OpenCV.
 */
package org.boxrefine.snap;
