/**
 * The pipeline: train one patch classifier on all tags of a data set, then turn each tag into a
 * mask by dense prediction at working scale, resampling to the original pixels, a threshold,
 * restriction to the tag and the connectivity prior.
 */
package org.boxrefine.refine;
