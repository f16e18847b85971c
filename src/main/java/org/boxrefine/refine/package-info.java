/**
 * The pipeline: train one patch classifier on all tags of a data set (or, box-free, on one
 * whole-image tag per image with its border band as background), then turn each tag into a mask
 * by dense prediction at working scale, resampling to the original pixels, a threshold,
 * restriction to the tag and the connectivity prior; masks of one image that overlap are then
 * resolved by the overlap rule. With snapping, GrabCut makes each mask, weighing the network's
 * probability and the category's shape prior ({@link org.boxrefine.refine.ShapePriors}, counted from
 * GrabCut's training labels) beside its colour models.
 */
package org.boxrefine.refine;
