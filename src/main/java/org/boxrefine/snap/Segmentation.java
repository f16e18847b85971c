package org.boxrefine.snap;

import org.boxrefine.image.BinaryMask;

/**
 * GrabCut's result: the foreground, and how clearly its final colour models told the undecided pixels apart (the
 * share of them whose colour is at least e² times as likely under one model as under the other; NaN when GrabCut
 * did not run). Colour failures, such as a garment coloured like the street, leave many pixels unclear, so the
 * clarity estimates the mask's quality (docs/EVALUATION.md).
 */
public record Segmentation(BinaryMask mask, double colourClarity) {
}
