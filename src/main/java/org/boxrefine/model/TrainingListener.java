package org.boxrefine.model;

/** Receives training progress after every optimiser step. */
@FunctionalInterface
public interface TrainingListener {
    /**
     * @param patchesSeen   patches trained on so far
     * @param batchLoss     binary cross-entropy of this step's batch
     * @param lossEma       exponential moving average of the batch loss
     * @param patchesPerSec throughput since training started
     */
    void onStep(long patchesSeen, double batchLoss, double lossEma, double patchesPerSec);

    TrainingListener NONE = (seen, loss, ema, speed) -> { };
}
