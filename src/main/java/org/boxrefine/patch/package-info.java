/**
 * Patches: the working scale, labelling (centre inside a tag = foreground), seeded balanced
 * sampling, and extraction of normalised patches and padded regions from images.
 */
package org.boxrefine.patch;
