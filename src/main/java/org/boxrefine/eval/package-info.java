/**
 * Evaluation of masks against ground truth, pure computation: the IoU of each predicted mask and of its box
 * with the truth mask ({@link org.boxrefine.eval.BoxIou}, {@link org.boxrefine.eval.Evaluation}), per box
 * ({@link org.boxrefine.eval.BoxEval}) and summarised ({@link org.boxrefine.eval.EvalSummary}). Reading the
 * files lives in {@code io.coco.CocoEval}.
 */
package org.boxrefine.eval;
