package org.boxrefine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.boxrefine.refine.OverlapRule;
import org.boxrefine.refine.RefineConfig;
import org.boxrefine.refine.SnapConfig;
import org.boxrefine.refine.SnapStart;
import picocli.CommandLine.Option;

/**
 * The settings that decide masks from a trained network (threshold, connectivity, snapping, overlaps), and the
 * thread and worker counts (which do not change masks, so they are neither saved with a model nor overrides). Each is null unless given: {@code refine} and {@code train} take the library's defaults for the
 * ones not given, {@code apply} the model's saved settings, so these are exactly the options that may override
 * a model's settings.
 */
final class ApplyOptions {
    @Option(names = "--threads", description = "CPU threads for PyTorch (default: all cores).")
    Integer threads;

    @Option(names = "--predict-workers", paramLabel = "W", description = "refine, apply: images refined at once after"
            + " training (GrabCut of one image runs while PyTorch predicts another); PyTorch then gets --threads divided"
            + " by W, so the threads never exceed the cores. Output and its order do not change (default: one per"
            + " --threads, at most 4).")
    Integer predictWorkers;

    @Option(names = "--threshold", paramLabel = "P", description = "Foreground when the probability exceeds this (default: 0.5; apply: the model's).")
    Double threshold;

    @Option(names = "--all-components", description = "Keep every connected region of a mask, not just the largest.")
    Boolean allComponents;

    @Option(names = "--min-part-fraction", paramLabel = "F", description = "Keep the connected regions of a mask whose area is at least F times the largest's: 1 keeps the largest only, 0 every region (--all-components) (default: 0, every region, as GrabCut's output; apply: the model's).")
    Double minPartFraction;

    @Option(names = "--grid-step", paramLabel = "PX", description = "Patch grid step (px at working scale) for --arch reference (default: 4; apply: the model's).")
    Integer gridStepPx;

    @Option(names = "--snap", negatable = true,
            description = "Snap masks to image edges with GrabCut (default: on; --no-snap turns it off; apply: the model's).")
    Boolean snap;

    @Option(names = "--snap-size", paramLabel = "PX", description = "Tag size (px) at which GrabCut runs; larger tags are scaled down (default: 320; apply: the model's).")
    Double snapSizePx;

    @Option(names = "--snap-min-size", paramLabel = "PX", description = "Tags smaller than PX (or than --snap-size) are enlarged to it, at most 4 times, before GrabCut runs; GrabCut's shrinking bias loses small objects (0 never enlarges; default: 200; apply: the model's).")
    Double snapMinSizePx;

    @Option(names = "--snap-edge-band", paramLabel = "auto|F", description = "With the rectangle start, the tag's outer strip, F of its width and height on each side, starts as probably background: hand-drawn tags leave a margin of background around the object, and GrabCut may still claim the strip (0 starts the whole tag as probably foreground, for exactly tight boxes). auto learns it per category: twice the median gap between GrabCut's training labels and their tags' sides, at most 0.06, so tight tags get almost none (default: auto; apply: the model's).")
    String snapEdgeBand;

    @Option(names = "--snap-network-weight", paramLabel = "W", description = "Weight of the network's log-probability in GrabCut's data term, beside the colour models (a pixel pays -W ln p to be foreground, -W ln(1-p) to be background), in the last --snap-network-iterations iterations; 0 snaps on colours alone with OpenCV's GrabCut (default: 0.25; apply: the model's).")
    Double snapNetworkWeight;

    @Option(names = "--snap-network-iterations", paramLabel = "N", description = "In how many of the last GrabCut iterations the network's term is used; the colour models of the earlier ones learn from colours alone (at most --snap-iterations; default: all; apply: the model's).")
    Integer snapNetworkIterations;

    @Option(names = "--snap-shape-weight", paramLabel = "W", description = "Weight of the tag's category's shape prior in GrabCut's data term, in the same iterations as the network's term: the share of the category's training labels (GrabCut's masks on colours alone, mirrored) that are foreground at the pixel's place in the tag, learned by training with --initial-labels grabcut and saved with the model (other labels learn none); a pixel pays -W ln q to be foreground, -W ln(1-q) to be background; 0 for none (default: 0.75; apply: the model's).")
    Double snapShapeWeight;

    @Option(names = "--snap-smoothness", paramLabel = "G", description = "Weight of GrabCut's contrast term between neighbouring pixels (OpenCV's gamma, 50): higher gives rounder masks that cut thin parts off, lower lets the colours, the network and the shape prior decide more pixels alone (default: 25; apply: the model's, 50 for models saved before it existed).")
    Double snapSmoothness;

    @Option(names = "--snap-background-components", paramLabel = "K", description = "Components of GrabCut's background colour model (OpenCV's GrabCut: 5, as the foreground's always): the context around a tag holds more colours than its object (default: 12; apply: the model's, 5 for models saved before it existed).")
    Integer snapBackgroundComponents;

    @Option(names = "--snap-reach", paramLabel = "F", description = "A tag touches its object: where a mask stops short of a side of the tag (less its edge band) by more than F of the tag's width or height, pin the cheapest path from the mask to that side as foreground and run GrabCut once more; 0 disables (default: 0.02; apply: the model's, 0 for models saved before it existed).")
    Double snapReach;

    @Option(names = "--snap-guide-radius", paramLabel = "R", description = "When GrabCut ran on a scaled-down tag, enlarge its mask with a guided filter of radius R (px at GrabCut's scale) so that its edges follow the full-resolution image; 0 enlarges it by bilinear interpolation (default: 4; apply: the model's).")
    Double snapGuideRadius;

    @Option(names = "--snap-margin", paramLabel = "F", description = "Background context around the tag for GrabCut, as a fraction of the tag's size (default: 2; apply: the model's).")
    Double snapMargin;

    @Option(names = "--snap-iterations", paramLabel = "N", description = "GrabCut iterations (default: 3; apply: the model's).")
    Integer snapIterations;

    @Option(names = "--snap-start", paramLabel = "HOW", description = "How GrabCut starts inside a tag: rectangle (all probably foreground, as plain GrabCut), network (probably foreground where the network's probability exceeds --threshold), prior (rectangle start, the network's probability as a third GrabCut channel beside two principal colour components) or auto (the network start on a crop with --snap-auto-margin of context where the network's mean probability over the tag is at least --snap-auto-tag-confidence or, after a rectangle start, inside its mask at least --snap-auto-confidence; the rectangle start's mask elsewhere and with --no-boxes) (default: rectangle; apply: the model's).")
    String snapStart;

    @Option(names = "--snap-auto-confidence", paramLabel = "P", description = "With --snap-start auto: the network's mean probability inside the rectangle start's mask at or above which a tag is snapped again with the network start (default: 0.82; apply: the model's).")
    Double snapAutoConfidence;

    @Option(names = "--snap-auto-margin", paramLabel = "F", description = "With --snap-start auto: background context of the second snapping, as a fraction of the tag's size (default: 0.1; apply: the model's).")
    Double snapAutoMargin;

    @Option(names = "--snap-auto-tag-confidence", paramLabel = "P", description = "With --snap-start auto: the network's mean probability over the whole tag at or above which the network start is taken without a rectangle start first (default: 0.75; apply: the model's).")
    Double snapAutoTagConfidence;

    @Option(names = "--snap-prior-weight", paramLabel = "W", description = "With --snap-start prior: the probability channel spans 0..255 times this (default: 0.5; apply: the model's).")
    Double snapPriorWeight;

    @Option(names = "--fill-holes", negatable = true,
            description = "Fill holes that do not reach the tag's border (default: off, people have real holes; it helps the network alone, with --no-snap; apply: the model's).")
    Boolean fillHoles;

    @Option(names = "--overlap", paramLabel = "RULE", description = "Where masks of one image overlap: exclusive (a shared pixel goes to the tag with the highest network probability there, on a tie the tag it lies deepest in, unless every tag's probability is at least --overlap-shared; default) or keep (masks may overlap) (apply: the model's).")
    String overlap;

    @Option(names = "--overlap-shared", paramLabel = "P", description = "With --overlap exclusive, a pixel stays in every mask that claims it when each one's probability there is at least this (default: 0.8; apply: the model's).")
    Double overlapShared;

    /** {@code base} with every setting given on the command line in its place. */
    RefineConfig over(RefineConfig base) {
        SnapConfig s = base.snap();
        SnapStart start = snapStart == null ? s.start() : switch (snapStart.toLowerCase(Locale.ROOT)) {
            case "rectangle" -> SnapStart.RECTANGLE;
            case "network" -> SnapStart.NETWORK;
            case "prior" -> SnapStart.PRIOR;
            case "auto" -> SnapStart.AUTO;
            default -> throw new IllegalArgumentException("--snap-start must be rectangle, network, prior or auto, found '"
                    + snapStart + "'");
        };
        OverlapRule rule = overlap == null ? base.overlap() : switch (overlap.toLowerCase(Locale.ROOT)) {
            case "keep" -> OverlapRule.KEEP_ALL;
            case "exclusive" -> OverlapRule.BY_PROBABILITY;
            default -> throw new IllegalArgumentException("--overlap must be keep or exclusive, found '" + overlap + "'");
        };
        SnapConfig snapConfig = new SnapConfig(or(snap, s.enabled()), or(snapSizePx, s.sizePx()),
                or(snapMinSizePx, s.minSizePx()),
                or(snapMargin, s.marginFraction()), or(snapIterations, s.iterations()), or(threshold, s.seedThreshold()),
                start, or(snapPriorWeight, s.priorWeight()), or(snapGuideRadius, s.guideRadius()),
                or(snapAutoConfidence, s.autoConfidence()), or(snapAutoMargin, s.autoMarginFraction()),
                or(snapAutoTagConfidence, s.autoTagConfidence()), edgeBand(s),
                or(snapNetworkWeight, s.networkWeight()), or(snapNetworkIterations,
                        networkIterations(s, or(snapIterations, s.iterations()))),
                or(snapShapeWeight, s.shapeWeight()),
                snapEdgeBand == null ? s.edgeBandLearned() : isAuto(snapEdgeBand),
                or(snapSmoothness, s.smoothness()), or(snapBackgroundComponents, s.backgroundComponents()),
                or(snapReach, s.reachGap()));
        double parts = Boolean.TRUE.equals(allComponents) ? 0 : or(minPartFraction, base.minPartFraction());
        return new RefineConfig(base.arch(), base.scale(), base.sampling(), base.epochs(), base.train(),
                or(threshold, base.threshold()), parts, or(gridStepPx, base.gridStepPx()),
                or(fillHoles, base.fillHoles()), snapConfig, base.relabelRounds(), base.initialLabels(),
                base.borderFraction(), rule, or(overlapShared, base.sharedConfidence()), base.boxSupervision(),
                base.seed());
    }

    /** The options given on the command line (those that override a model's settings in {@code apply}). */
    List<String> given() {
        List<String> out = new ArrayList<>();
        add(out, "--threshold", threshold);
        add(out, "--all-components", allComponents);
        add(out, "--min-part-fraction", minPartFraction);
        add(out, "--grid-step", gridStepPx);
        add(out, snap == null || snap ? "--snap" : "--no-snap", snap);
        add(out, "--snap-size", snapSizePx);
        add(out, "--snap-min-size", snapMinSizePx);
        add(out, "--snap-edge-band", snapEdgeBand);
        add(out, "--snap-network-weight", snapNetworkWeight);
        add(out, "--snap-network-iterations", snapNetworkIterations);
        add(out, "--snap-shape-weight", snapShapeWeight);
        add(out, "--snap-smoothness", snapSmoothness);
        add(out, "--snap-background-components", snapBackgroundComponents);
        add(out, "--snap-reach", snapReach);
        add(out, "--snap-guide-radius", snapGuideRadius);
        add(out, "--snap-margin", snapMargin);
        add(out, "--snap-iterations", snapIterations);
        add(out, "--snap-start", snapStart);
        add(out, "--snap-prior-weight", snapPriorWeight);
        add(out, "--snap-auto-confidence", snapAutoConfidence);
        add(out, "--snap-auto-margin", snapAutoMargin);
        add(out, "--snap-auto-tag-confidence", snapAutoTagConfidence);
        add(out, fillHoles == null || fillHoles ? "--fill-holes" : "--no-fill-holes", fillHoles);
        add(out, "--overlap", overlap);
        add(out, "--overlap-shared", overlapShared);
        return out;
    }

    private static void add(List<String> out, String name, Object value) {
        if (value != null) {
            out.add(value instanceof Boolean ? name : name + " " + value);
        }
    }

    /** The edge band's fraction: the given one, {@code auto}'s most, or the model's. */
    private double edgeBand(SnapConfig s) {
        if (snapEdgeBand == null) {
            return s.edgeBandFraction();
        }
        if (isAuto(snapEdgeBand)) {
            return SnapConfig.DEFAULT_EDGE_BAND;
        }
        try {
            return Double.parseDouble(snapEdgeBand.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--snap-edge-band must be auto or a fraction in [0, "
                    + SnapConfig.MAX_EDGE_BAND + "], found '" + snapEdgeBand + "'");
        }
    }

    private static boolean isAuto(String value) {
        return value.trim().equalsIgnoreCase("auto");
    }

    /** The network term's iterations when only the iteration count is given: all of them if they were all. */
    private static int networkIterations(SnapConfig s, int iterations) {
        return s.networkIterations() == s.iterations() ? iterations : Math.min(s.networkIterations(), iterations);
    }

    int threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        int t = threads == null ? cores : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, found " + t);
        }
        return t;
    }

    /**
     * Images refined at once unless {@code --predict-workers} says otherwise: one per PyTorch thread, up to this
     * many. GrabCut is single-threaded, so on 2 cores two workers cut the whole refine of ccp-dev from 182 s to 135 s
     * (docs/EVALUATION.md); more cores were not measured, hence the cap.
     */
    static final int MAX_DEFAULT_WORKERS = 4;

    /** Images refined at once by the apply loop. */
    int predictWorkers() {
        int w = predictWorkers == null ? Math.min(threads(), MAX_DEFAULT_WORKERS) : predictWorkers;
        if (w < 1) {
            throw new IllegalArgumentException("--predict-workers must be at least 1, found " + w);
        }
        return w;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
