/**
 * YOLO files: detection labels with their class names ({@link org.boxrefine.io.yolo.YoloReader}) and
 * segmentation labels with a {@code data.yaml} ({@link org.boxrefine.io.yolo.YoloSegWriter}). Coordinates are
 * normalised by the image's width and height at the edge.
 */
package org.boxrefine.io.yolo;
