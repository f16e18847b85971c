/**
 * Synthetic scenes with known truth: textured objects of varied shape on textured backgrounds,
 * each with its truth mask, its tight box and a loose, human-like box. Used to check the
 * pipeline end to end and to train quickly without real data. Pure computation: nothing here
 * touches files (see {@code io.coco.SceneSetWriter}). All randomness comes from the caller's
 * seed or generator, so a scene is a function of its seed.
 */
package org.boxrefine.synth;
