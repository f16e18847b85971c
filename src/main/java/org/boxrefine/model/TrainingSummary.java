package org.boxrefine.model;

/** What a training run did: patches, steps, final smoothed loss and speed. */
public record TrainingSummary(long patches, long steps, double finalLossEma, double seconds) {
    public double patchesPerSec() {
        return seconds > 0 ? patches / seconds : 0;
    }
}
