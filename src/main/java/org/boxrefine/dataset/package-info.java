/**
 * The format-neutral view of an annotated data set: images, their tags, and a way to load pixels.
 * Readers in {@code io} produce it; the pipeline consumes it, image by image on a few threads
 * ({@link org.boxrefine.dataset.ImageWorkers}).
 */
package org.boxrefine.dataset;
