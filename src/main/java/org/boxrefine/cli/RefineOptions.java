package org.boxrefine.cli;

import java.util.Locale;
import org.boxrefine.model.NetArch;
import org.boxrefine.patch.SamplingConfig;
import org.boxrefine.patch.WorkingScale;
import org.boxrefine.refine.BoxSupervision;
import org.boxrefine.refine.InitialLabels;
import org.boxrefine.refine.OverlapRule;
import org.boxrefine.refine.RefineConfig;
import org.boxrefine.refine.SnapConfig;
import org.boxrefine.refine.SnapStart;
import picocli.CommandLine.Option;

/** The options that decide the masks, shared by the commands that train or refine. */
final class RefineOptions {
    @Option(names = "--seed", defaultValue = "1", description = "Seed of sampling and initialisation; the same seed gives the same masks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "CPU threads for PyTorch (default: all cores).")
    Integer threads;

    @Option(names = "--predict-workers", defaultValue = "1", description = "Images refined at once after training"
            + " (GrabCut of one image runs while PyTorch predicts another); PyTorch then gets --threads divided by"
            + " this, so the threads never exceed the cores (default: ${DEFAULT-VALUE}).")
    int predictWorkers;

    @Option(names = "--arch", defaultValue = "dense", description = "Network: dense (valid convolutions, exact dense pass; default) or reference (the literal padded net, evaluated on a patch grid).")
    String arch;

    @Option(names = "--tag-size", defaultValue = "96", description = "Size (geometric mean of width and height, px) a tag is scaled to for patches (default: ${DEFAULT-VALUE}).")
    double tagSizePx;

    @Option(names = "--epochs", defaultValue = "1", description = "Passes over the data set in training (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patches-per-image", defaultValue = "512", description = "Patches per image and epoch, half foreground (default: ${DEFAULT-VALUE}).")
    int patchesPerImage;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Foreground when the probability exceeds this (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--all-components", description = "Keep every connected region of a mask, not just the largest.")
    boolean allComponents;

    @Option(names = "--min-part-fraction", defaultValue = "1", paramLabel = "F", description = "Keep the connected regions of a mask whose area is at least F times the largest's: 1 keeps the largest only, 0 every region (--all-components) (default: ${DEFAULT-VALUE}).")
    double minPartFraction;

    @Option(names = "--grid-step", defaultValue = "4", description = "Patch grid step (px at working scale) for --arch reference (default: ${DEFAULT-VALUE}).")
    int gridStepPx;

    @Option(names = "--snap", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Snap masks to image edges with GrabCut seeded by the network (default: on; --no-snap turns it off).")
    boolean snap;

    @Option(names = "--snap-size", defaultValue = "256", description = "Tag size (px) at which GrabCut runs; larger tags are scaled down (default: ${DEFAULT-VALUE}).")
    double snapSizePx;

    @Option(names = "--snap-margin", defaultValue = "2", description = "Background context around the tag for GrabCut, as a fraction of the tag's size (default: ${DEFAULT-VALUE}).")
    double snapMargin;

    @Option(names = "--snap-iterations", defaultValue = "5", description = "GrabCut iterations (default: ${DEFAULT-VALUE}).")
    int snapIterations;

    @Option(names = "--snap-start", defaultValue = "rectangle", description = "How GrabCut starts inside a tag: rectangle (all probably foreground, as plain GrabCut), network (probably foreground where the network's probability exceeds --threshold) or prior (rectangle start, the network's probability as a third GrabCut channel beside two principal colour components) (default: ${DEFAULT-VALUE}).")
    String snapStart;

    @Option(names = "--snap-prior-weight", defaultValue = "0.5", description = "With --snap-start prior: the probability channel spans 0..255 times this (default: ${DEFAULT-VALUE}).")
    double snapPriorWeight;

    @Option(names = "--fill-holes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fill holes that do not reach the tag's border (default: on).")
    boolean fillHoles;

    @Option(names = "--relabel-rounds", defaultValue = "0", description = "Re-labelling rounds: in-tag pixels outside the masks become background, then fine-tune (default: ${DEFAULT-VALUE}).")
    int relabelRounds;

    @Option(names = "--initial-labels", defaultValue = "boxes", description = "What the first network learns from: boxes (centre inside a tag) or grabcut (plain GrabCut's masks) (default: ${DEFAULT-VALUE}).")
    String initialLabels;

    @Option(names = "--centre-dropout", defaultValue = "0", paramLabel = "P", description = "Training only: drop input pixels with probability rising from 0 at the patch centre to P at its corners (0 disables; default: ${DEFAULT-VALUE}).")
    double centreDropout;

    @Option(names = "--flip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Training only: mirror half the patches left to right (default: on).")
    boolean flip;

    @Option(names = "--inside-share", defaultValue = "0", paramLabel = "S", description = "With masks as labels (--relabel-rounds, --initial-labels grabcut): share of the background patches drawn inside the tags, outside their masks (default: ${DEFAULT-VALUE}).")
    double insideShare;

    @Option(names = "--colour-jitter", defaultValue = "0.2", paramLabel = "A", description = "Training only: scale each patch's brightness, contrast and saturation by random factors in [1-A, 1+A] (0 disables; default: ${DEFAULT-VALUE}).")
    double colourJitter;

    @Option(names = "--overlap", defaultValue = "exclusive", description = "Where masks of one image overlap: exclusive (a shared pixel goes to the tag with the highest network probability there, on a tie the tag it lies deepest in, unless every tag's probability is at least --overlap-shared; default) or keep (masks may overlap).")
    String overlap;

    @Option(names = "--overlap-shared", defaultValue = "0.8", description = "With --overlap exclusive, a pixel stays in every mask that claims it when each one's probability there is at least this (default: ${DEFAULT-VALUE}).")
    double overlapShared;

    @Option(names = "--border-fraction", defaultValue = "0.1", description = "With --no-boxes, patches centred within this fraction of the shorter side from an image's edges are background (default: ${DEFAULT-VALUE}).")
    double borderFraction;

    @Option(names = "--box-loss-epochs", defaultValue = "0", paramLabel = "N", description = "After patch training, fine-tune the network for N passes with box-supervised losses on its dense output: projection (its row and column maxima match the tag's) and colour-pairwise (similar neighbouring cells inside a tag agree) (0 disables; default: ${DEFAULT-VALUE}).")
    int boxLossEpochs;

    @Option(names = "--box-loss-pairwise", defaultValue = "1", paramLabel = "W", description = "With --box-loss-epochs: weight of the pairwise loss (default: ${DEFAULT-VALUE}).")
    double boxLossPairwise;

    @Option(names = "--box-loss-similarity", defaultValue = "0.3", paramLabel = "T", description = "With --box-loss-epochs: neighbouring cells whose colour affinity exp(-|dLab|/2) reaches T form a pair (default: ${DEFAULT-VALUE}).")
    double boxLossSimilarity;

    RefineConfig config() {
        NetArch a;
        try {
            a = NetArch.valueOf(arch.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--arch must be dense or reference, found '" + arch + "'");
        }
        OverlapRule rule = switch (overlap.toLowerCase(Locale.ROOT)) {
            case "keep" -> OverlapRule.KEEP_ALL;
            case "exclusive" -> OverlapRule.BY_PROBABILITY;
            default -> throw new IllegalArgumentException("--overlap must be keep or exclusive, found '" + overlap + "'");
        };
        InitialLabels labels = switch (initialLabels.toLowerCase(Locale.ROOT)) {
            case "boxes" -> InitialLabels.BOXES;
            case "grabcut" -> InitialLabels.GRABCUT;
            default -> throw new IllegalArgumentException("--initial-labels must be boxes or grabcut, found '"
                    + initialLabels + "'");
        };
        SnapStart start = switch (snapStart.toLowerCase(Locale.ROOT)) {
            case "rectangle" -> SnapStart.RECTANGLE;
            case "network" -> SnapStart.NETWORK;
            case "prior" -> SnapStart.PRIOR;
            default -> throw new IllegalArgumentException("--snap-start must be rectangle, network or prior, found '"
                    + snapStart + "'");
        };
        RefineConfig d = RefineConfig.defaults(seed);
        return new RefineConfig(a, new WorkingScale(tagSizePx, 2.0),
                new SamplingConfig(patchesPerImage, 0.5, 0.5, flip, colourJitter, insideShare), epochs,
                d.train().withCentreDropout(centreDropout), threshold, allComponents ? 0 : minPartFraction, gridStepPx, fillHoles,
                new SnapConfig(snap, snapSizePx, snapMargin, snapIterations, threshold, start, snapPriorWeight),
                relabelRounds, labels,
                borderFraction, rule, overlapShared,
                new BoxSupervision(boxLossEpochs, boxLossPairwise, boxLossSimilarity, d.boxSupervision().learningRate()),
                seed);
    }

    int predictWorkers() {
        if (predictWorkers < 1) {
            throw new IllegalArgumentException("--predict-workers must be at least 1, found " + predictWorkers);
        }
        return predictWorkers;
    }

    int threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        int t = threads == null ? cores : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, found " + t);
        }
        return t;
    }
}
