package org.boxrefine.cli;

import java.util.Locale;
import org.boxrefine.model.LearningRateSchedule;
import org.boxrefine.model.NetArch;
import org.boxrefine.patch.SamplingConfig;
import org.boxrefine.patch.WorkingScale;
import org.boxrefine.refine.BoxSupervision;
import org.boxrefine.refine.InitialLabels;
import org.boxrefine.refine.RefineConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that decide the masks, shared by the commands that train or refine ({@link ApplyOptions} nested). */
final class RefineOptions {
    @Option(names = "--seed", defaultValue = "1", description = "Seed of sampling and initialisation; the same seed gives the same masks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--arch", defaultValue = "dense", description = "Network: dense (valid convolutions, exact dense pass; default) or reference (the literal padded net, evaluated on a patch grid).")
    String arch;

    @Option(names = "--tag-size", defaultValue = "96", description = "Size (geometric mean of width and height, px) a tag is scaled to for patches (default: ${DEFAULT-VALUE}).")
    double tagSizePx;

    @Option(names = "--epochs", defaultValue = "" + RefineConfig.DEFAULT_EPOCHS, description = "Passes over the data set in training (default: ${DEFAULT-VALUE}). 3 gives a better network and masks (+0.002 to +0.011 mean IoU on the dev splits) for three times the patches (about 4 times the training time).")
    int epochs;

    @Option(names = "--patches-per-image", defaultValue = "512", description = "Patches per image and epoch, --foreground-share of them foreground (default: ${DEFAULT-VALUE}).")
    int patchesPerImage;

    @Option(names = "--max-patches-per-epoch", defaultValue = "81920", paramLabel = "N", description = "Training budget: on a data set where --patches-per-image times the image count exceeds N, each image gives N / images patches (at least 16), so training time stops growing with the data set (default: ${DEFAULT-VALUE}).")
    long maxPatchesPerEpoch;

    @Option(names = "--relabel-rounds", defaultValue = "0", description = "Re-labelling rounds: in-tag pixels outside the masks become background, then fine-tune (default: ${DEFAULT-VALUE}).")
    int relabelRounds;

    @Option(names = "--initial-labels", description = "What the first network learns from: boxes (centre inside a tag) or grabcut (GrabCut's masks on colours alone, on a sample of at most as many images as the training budget gives --patches-per-image each) (default: grabcut; with --no-boxes, the border band).")
    String initialLabels;

    @Option(names = "--centre-dropout", defaultValue = "0", paramLabel = "P", description = "Training only: drop input pixels with probability rising from 0 at the patch centre to P at its corners (0 disables; default: ${DEFAULT-VALUE}).")
    double centreDropout;

    @Option(names = "--lr-schedule", defaultValue = "cosine", paramLabel = "S", description = "Learning rate over a training run: fixed, or cosine (half a cosine down to 1%% of the rate at the last planned step) (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--flip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Training only: mirror half the patches left to right (default: on).")
    boolean flip;

    @Option(names = "--inside-share", defaultValue = "0.5", paramLabel = "S", description = "With masks as labels (--relabel-rounds, --initial-labels grabcut): share of the background patches drawn inside the tags, outside their masks (default: ${DEFAULT-VALUE}).")
    double insideShare;

    @Option(names = "--foreground-share", defaultValue = "0.5", paramLabel = "F", description = "Class balance: the share of each image's training patches centred inside a tag (foreground); the rest are background (default: ${DEFAULT-VALUE}).")
    double foregroundShare;

    @Option(names = "--colour-jitter", defaultValue = "0.2", paramLabel = "A", description = "Training only: scale each patch's brightness, contrast and saturation by random factors in [1-A, 1+A] (0 disables; default: ${DEFAULT-VALUE}).")
    double colourJitter;

    @Option(names = "--border-fraction", defaultValue = "0.1", description = "With --no-boxes, patches centred within this fraction of the shorter side from an image's edges are background (default: ${DEFAULT-VALUE}).")
    double borderFraction;

    @Option(names = "--box-loss-epochs", defaultValue = "0", paramLabel = "N", description = "After patch training, fine-tune the network for N passes with box-supervised losses on its dense output: projection (its row and column maxima match the tag's) and colour-pairwise (similar neighbouring cells inside a tag agree) (0 disables; default: ${DEFAULT-VALUE}).")
    int boxLossEpochs;

    @Option(names = "--box-loss-pairwise", defaultValue = "1", paramLabel = "W", description = "With --box-loss-epochs: weight of the pairwise loss (default: ${DEFAULT-VALUE}).")
    double boxLossPairwise;

    @Option(names = "--box-loss-similarity", defaultValue = "0.3", paramLabel = "T", description = "With --box-loss-epochs: neighbouring cells whose colour affinity exp(-|dLab|/2) reaches T form a pair (default: ${DEFAULT-VALUE}).")
    double boxLossSimilarity;

    /** The settings that decide the masks in {@code apply}, and the thread count. */
    @Mixin
    ApplyOptions apply = new ApplyOptions();

    /** The library's defaults with every option given on the command line in its place. */
    RefineConfig config() {
        NetArch a;
        try {
            a = NetArch.valueOf(arch.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--arch must be dense or reference, found '" + arch + "'");
        }
        InitialLabels labels = initialLabels == null ? InitialLabels.GRABCUT
                : switch (initialLabels.toLowerCase(Locale.ROOT)) {
            case "boxes" -> InitialLabels.BOXES;
            case "grabcut" -> InitialLabels.GRABCUT;
            default -> throw new IllegalArgumentException("--initial-labels must be boxes or grabcut, found '"
                    + initialLabels + "'");
        };
        LearningRateSchedule schedule = switch (lrSchedule.toLowerCase(Locale.ROOT)) {
            case "fixed" -> LearningRateSchedule.FIXED;
            case "cosine" -> LearningRateSchedule.COSINE;
            default -> throw new IllegalArgumentException("--lr-schedule must be fixed or cosine, found '"
                    + lrSchedule + "'");
        };
        RefineConfig d = RefineConfig.defaults(seed);
        RefineConfig training = new RefineConfig(a, new WorkingScale(tagSizePx, d.scale().maxUpscale()),
                new SamplingConfig(patchesPerImage, d.sampling().ringFraction(), d.sampling().ringShare(), flip,
                        colourJitter, insideShare, maxPatchesPerEpoch, foregroundShare),
                epochs, d.train().withCentreDropout(centreDropout).withSchedule(schedule), d.threshold(),
                d.minPartFraction(), d.gridStepPx(),
                d.fillHoles(), d.snap(), relabelRounds, labels, borderFraction, d.overlap(), d.sharedConfidence(),
                new BoxSupervision(boxLossEpochs, boxLossPairwise, boxLossSimilarity, d.boxSupervision().learningRate()),
                seed);
        return apply.over(training);
    }

    /** Fails when {@code --initial-labels} was given with {@code --no-boxes}, which has no boxes to label from. */
    void checkBoxFree(boolean noBoxes) {
        if (noBoxes && initialLabels != null) {
            throw new IllegalArgumentException("--initial-labels " + initialLabels + " needs boxes; it cannot be used"
                    + " with --no-boxes (box-free training labels the image's border band as background)");
        }
    }

    int predictWorkers() {
        return apply.predictWorkers();
    }

    int threads() {
        return apply.threads();
    }
}
