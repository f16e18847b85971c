/**
 * Pascal VOC XML boxes ({@link org.boxrefine.io.voc.VocReader}): 1-based inclusive corners converted to
 * boxrefine's 0-based half-open pixels at the edge.
 */
package org.boxrefine.io.voc;
