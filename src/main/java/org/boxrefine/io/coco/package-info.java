/**
 * COCO files: run-length encoded masks exactly as pycocotools writes them ({@link org.boxrefine.io.coco.CocoRle}),
 * the detection JSON reader ({@link org.boxrefine.io.coco.CocoDataset}), the result writer
 * ({@link org.boxrefine.io.coco.CocoResultWriter}) and the reading of truth and predicted masks for evaluation
 * ({@link org.boxrefine.io.coco.CocoTruth}, {@link org.boxrefine.io.coco.CocoEval}).
 *
 * <p>COCO's {@code bbox [x, y, w, h]} maps to {@link org.boxrefine.geom.BoxPx#fromXywh}. Problems with single
 * annotations are collected as warnings naming the file and the annotation; a file that cannot be read at all
 * raises an {@link java.io.IOException} naming the file.
 */
package org.boxrefine.io.coco;
