/**
 * Boundary refinement: snapping a mask to the image's edges with OpenCV's GrabCut, seeded by the
 * network's probabilities. The only package that imports OpenCV.
 */
package org.boxrefine.snap;
