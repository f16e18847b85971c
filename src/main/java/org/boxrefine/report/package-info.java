/**
 * The review report, pure computation: {@link org.boxrefine.report.ReviewPage} builds the self-contained HTML
 * page (summary figures, one thumbnail per box, worst first, with a score filter) as a string,
 * {@link org.boxrefine.report.Thumbnail} draws a box's thumbnail and {@link org.boxrefine.report.DistributionPlot}
 * the histogram of scores and IoUs as {@link org.boxrefine.image.RgbImage}s. Reading the run's files, encoding the
 * pictures and writing the page live in {@code cli.ReviewReport} and {@code io}.
 */
package org.boxrefine.report;
