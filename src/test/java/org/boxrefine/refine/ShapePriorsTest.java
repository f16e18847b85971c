package org.boxrefine.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.model.EngineSetup;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.PatchClassifier;
import org.junit.jupiter.api.Test;

/** {@link ShapePriors}: counting masks in their tags' frame, and their effect on snapping. */
class ShapePriorsTest {
    private static final int G = 8;

    /** A mask over {@code tag}'s pixel rectangle set where {@code inside(u, v)} holds, u and v across the tag. */
    private static CroppedMask mask(BoxPx tag, BiPredicate<Double, Double> inside) {
        PixelRect r = tag.pixelRect(10_000, 10_000);
        byte[] bits = new byte[r.widthPx() * r.heightPx()];
        for (int y = 0; y < r.heightPx(); y++) {
            for (int x = 0; x < r.widthPx(); x++) {
                double u = (r.x0Px() + x + 0.5 - tag.x0Px()) / tag.widthPx();
                double v = (r.y0Px() + y + 0.5 - tag.y0Px()) / tag.heightPx();
                bits[y * r.widthPx() + x] = (byte) (inside.test(u, v) ? 1 : 0);
            }
        }
        return new CroppedMask(r, new BinaryMask(r.widthPx(), r.heightPx(), bits));
    }

    /** The probability {@link ShapePriors#foreground} should give at a cell centre, computed from its definition. */
    private static double naive(double ownFg, int ownTags, double allFg, int allTags) {
        double pooled = (allFg + ShapePriors.PSEUDO_TAGS * 0.5) / (allTags + ShapePriors.PSEUDO_TAGS);
        return (ownFg + ShapePriors.PSEUDO_TAGS * pooled) / (ownTags + ShapePriors.PSEUDO_TAGS);
    }

    @Test
    void cellsCountTheTagsAndTheirMirrorImagesShrunkTowardThePooledShape() {
        ShapePriors.Accumulator acc = new ShapePriors.Accumulator(G);
        BoxPx a = new BoxPx(10, 20, 90, 180);
        BoxPx b = new BoxPx(3.5, 7.25, 43.5, 67.25);
        for (int i = 0; i < 3; i++) {
            acc.add(1, a, mask(a, (u, v) -> v < 0.5));
        }
        acc.add(2, b, mask(b, (u, v) -> u < 0.25));
        ShapePriors p = acc.build();
        assertThat(p.categories().get(1L).tags()).isEqualTo(3);
        assertThat(p.categories().get(1L).foreground()[0]).as("top-left cell: 3 tags, each counted twice")
                .isEqualTo(6);
        double top = 0.5 / G;
        double bottom = 1 - 0.5 / G;
        double left = 0.5 / G;
        double right = 1 - 0.5 / G;
        assertThat(p.foreground(1, left, top)).isCloseTo(naive(3, 3, 3 + 0.5, 4), within(1e-12));
        assertThat(p.foreground(1, left, bottom)).isCloseTo(naive(0, 3, 0.5, 4), within(1e-12));
        assertThat(p.foreground(2, left, bottom)).as("the left quarter, mirrored: half of the two copies")
                .isCloseTo(naive(0.5, 1, 0.5, 4), within(1e-12));
        assertThat(p.foreground(2, right, bottom)).as("mirror image").isCloseTo(p.foreground(2, left, bottom),
                within(1e-12));
        assertThat(p.foreground(2, 0.5, bottom)).as("middle: neither copy").isCloseTo(naive(0, 1, 0, 4),
                within(1e-12));
        assertThat(p.foreground(7, left, top)).as("an unknown category takes the pooled shape")
                .isCloseTo((3 + 0.5 + ShapePriors.PSEUDO_TAGS * 0.5) / (4 + ShapePriors.PSEUDO_TAGS), within(1e-12));
        double mid = p.foreground(1, left, 0.5);
        assertThat(mid).as("between cell centres: bilinear").isCloseTo(
                (p.foreground(1, left, 0.5 - 0.5 / G) + p.foreground(1, left, 0.5 + 0.5 / G)) / 2, within(1e-12));
        assertThat(new ShapePriors(G, Map.of()).foreground(1, 0.3, 0.3)).isEqualTo(0.5);
    }

    @Test
    void theCountsDoNotDependOnTheThreadsOrTheirOrder() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        List<BoxPx> tags = new ArrayList<>();
        List<CroppedMask> masks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double x = rng.nextDouble(0, 50);
            double y = rng.nextDouble(0, 50);
            BoxPx t = new BoxPx(x, y, x + rng.nextDouble(5, 60), y + rng.nextDouble(5, 60));
            double cu = rng.nextDouble();
            double cv = rng.nextDouble();
            tags.add(t);
            masks.add(mask(t, (u, v) -> Math.hypot(u - cu, v - cv) < 0.4));
        }
        ShapePriors.Accumulator serial = new ShapePriors.Accumulator(G);
        for (int i = tags.size() - 1; i >= 0; i--) {
            serial.add(i % 3, tags.get(i), masks.get(i));
        }
        ShapePriors.Accumulator parallel = new ShapePriors.Accumulator(G);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < tags.size(); i++) {
                int k = i;
                done.add(pool.submit(() -> parallel.add(k % 3, tags.get(k), masks.get(k))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(parallel.build()).isEqualTo(serial.build());
    }

    @Test
    void countsOutsideTheirRangeAreRefused() {
        int[] gaps = new int[ShapePriors.GAP_BINS];
        assertThatThrownBy(() -> new ShapePriors.Counts(1, new int[] {0, 3}, gaps)).hasMessageContaining("found 3");
        assertThatThrownBy(() -> new ShapePriors(2, Map.of(5L, new ShapePriors.Counts(1, new int[3], gaps))))
                .hasMessageContaining("category 5").hasMessageContaining("expected 4");
        int[] tooMany = new int[ShapePriors.GAP_BINS];
        tooMany[7] = 5;
        assertThatThrownBy(() -> new ShapePriors.Counts(1, new int[4], tooMany)).hasMessageContaining("at most 4 sides")
                .hasMessageContaining("found 5");
        assertThatThrownBy(() -> new ShapePriors.Counts(1, new int[4], new int[3])).hasMessageContaining("3 gap bins");
    }

    /** A mask that stops {@code inset} of the tag short of each side. */
    private static CroppedMask inset(BoxPx tag, double inset) {
        return mask(tag, (u, v) -> u >= inset && u < 1 - inset && v >= inset && v < 1 - inset);
    }

    @Test
    void theSideGapIsTheMedianGapShrunkTowardAllCategories() {
        ShapePriors.Accumulator acc = new ShapePriors.Accumulator(G);
        assertThat(acc.build().sideGap(1)).as("nothing counted").isNaN();
        BoxPx tag = new BoxPx(0, 0, 100, 200);
        for (int i = 0; i < 3; i++) {
            acc.add(1, tag, inset(tag, 0.05));
        }
        acc.add(2, tag, inset(tag, 0));
        acc.add(2, tag, mask(tag, (u, v) -> false));
        ShapePriors p = acc.build();
        int[] own = p.categories().get(1L).sideGaps();
        assertThat(own[50]).as("3 masks, 4 sides each, 5% short").isEqualTo(12);
        assertThat(p.categories().get(2L).sideGaps()[0]).as("the empty mask has no sides").isEqualTo(4);
        // category 1: its own 12 sides at 5%, plus 8 tags' worth of all 5 (4 with sides): 2 per side counted
        assertThat(p.sideGap(1)).isEqualTo(0.0505);
        // category 2: 4 sides at 0 plus 2 x (12 at 5% and 4 at 0): 12 at 0 against 24 at 5%
        assertThat(p.sideGap(2)).isEqualTo(0.0505);
        ShapePriors.Accumulator tight = new ShapePriors.Accumulator(G);
        for (int i = 0; i < 20; i++) {
            tight.add(1, tag, inset(tag, 0));
        }
        tight.add(1, tag, inset(tag, 0.2));
        assertThat(tight.build().sideGap(1)).as("gaps over 0.1 share the last bin").isEqualTo(0.0005);
    }

    @Test
    void aLearnedEdgeBandIsTwiceTheLabelsGapAtMostTheConfiguredBand() {
        BoxPx tag = new BoxPx(0, 0, 100, 200);
        ShapePriors.Accumulator tight = new ShapePriors.Accumulator(G);
        ShapePriors.Accumulator loose = new ShapePriors.Accumulator(G);
        ShapePriors.Accumulator slack = new ShapePriors.Accumulator(G);
        for (int i = 0; i < 10; i++) {
            tight.add(1, tag, inset(tag, 0));
            loose.add(1, tag, inset(tag, 0.05));
            slack.add(1, tag, inset(tag, 0.01));
        }
        SnapConfig learned = SnapConfig.defaults();
        assertThat(learned.edgeBandLearned()).isTrue();
        Refiner r = new Refiner(RefineConfig.defaults(1));
        assertThat(r.edgeBand(learned, 1)).as("no shape priors").isEqualTo(SnapConfig.DEFAULT_EDGE_BAND);
        r.setShapePriors(tight.build());
        assertThat(r.edgeBand(learned, 1)).isEqualTo(2 * 0.0005);
        assertThat(r.edgeBand(learned.withEdgeBand(0.04), 1)).as("a fixed band").isEqualTo(0.04);
        r.setShapePriors(slack.build());
        assertThat(r.edgeBand(learned, 1)).isCloseTo(2 * 0.0105, within(1e-12));
        r.setShapePriors(loose.build());
        assertThat(r.edgeBand(learned, 1)).as("at most the configured band").isEqualTo(SnapConfig.DEFAULT_EDGE_BAND);
        assertThat(r.edgeBand(learned.withLearnedEdgeBand(0.2), 1)).isEqualTo(2 * 0.0505);
    }

    /**
     * On a flat grey image the colour models cannot tell the object from its ground, so the snapped mask is what
     * the data term's other parts say: with a shape prior of a central column at a high weight, that column; with
     * no shape prior (or weight 0), not it.
     */
    @Test
    void onFlatColoursTheShapePriorDecidesTheMask() {
        EngineSetup.start(1);
        int w = 120;
        int h = 120;
        RgbImage flat = RgbImage.blank(w, h);
        SplittableRandom rng = new SplittableRandom(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = rng.nextInt(-3, 4);
                flat.set(x, y, 128 + n, 128 + n, 128 + n);
            }
        }
        BoxPx box = new BoxPx(20, 20, 100, 100);
        ShapePriors.Accumulator acc = new ShapePriors.Accumulator(ShapePriors.GRID_CELLS);
        for (int i = 0; i < 200; i++) {
            acc.add(1, box, mask(box, (u, v) -> Math.abs(u - 0.5) < 0.2));
        }
        ShapePriors column = acc.build();
        BinaryMask truth = mask(box, (u, v) -> Math.abs(u - 0.5) < 0.2).toFull(w, h);
        SnapConfig snap = SnapConfig.defaults().withNetworkTerm(0, SnapConfig.DEFAULT_ITERATIONS).withShapeWeight(2);
        try (PatchClassifier untrained = PatchClassifier.create(NetArch.DENSE, 3)) {
            Refiner with = new Refiner(RefineConfig.defaults(1).withSnap(snap));
            with.setShapePriors(column);
            Refiner without = new Refiner(RefineConfig.defaults(1).withSnap(snap));
            Refiner weightless = new Refiner(RefineConfig.defaults(1).withSnap(snap.withShapeWeight(0)));
            weightless.setShapePriors(column);
            List<Tag> tags = List.of(new Tag(1, 1, box));
            assertThat(with.refine(untrained, flat, tags).get(0).mask().toFull(w, h).iou(truth)).isGreaterThan(0.9);
            assertThat(without.refine(untrained, flat, tags).get(0).mask().toFull(w, h).iou(truth)).isLessThan(0.7);
            assertThat(weightless.refine(untrained, flat, tags).get(0).mask().toFull(w, h).iou(truth))
                    .isLessThan(0.7);
        }
    }
}
