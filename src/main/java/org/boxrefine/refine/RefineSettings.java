package org.boxrefine.refine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.boxrefine.model.LearningRateSchedule;
import org.boxrefine.model.NetArch;
import org.boxrefine.model.TrainConfig;
import org.boxrefine.patch.SamplingConfig;
import org.boxrefine.patch.WorkingScale;
import org.boxrefine.snap.JointGrabCut;

/**
 * A {@link RefineConfig} as flat names and values (numbers, booleans, enum names), the form saved with a model's
 * provenance and a run's manifest, and back. {@code fromSettings(toSettings(c))} equals {@code c}.
 */
public final class RefineSettings {
    private RefineSettings() {
    }

    /** Every setting of {@code cfg}, in a fixed order. */
    public static Map<String, Object> toSettings(RefineConfig cfg) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("arch", cfg.arch().name());
        s.put("seed", cfg.seed());
        s.put("tagSizePx", cfg.scale().tagSizePx());
        s.put("maxUpscale", cfg.scale().maxUpscale());
        s.put("patchesPerImage", cfg.sampling().patchesPerImage());
        s.put("ringFraction", cfg.sampling().ringFraction());
        s.put("ringShare", cfg.sampling().ringShare());
        s.put("flip", cfg.sampling().flip());
        s.put("colourJitter", cfg.sampling().colourJitter());
        s.put("insideShare", cfg.sampling().insideShare());
        s.put("maxPatchesPerEpoch", cfg.sampling().maxPatchesPerEpoch());
        s.put("foregroundShare", cfg.sampling().foregroundShare());
        s.put("epochs", cfg.epochs());
        s.put("batchSize", cfg.train().batchSize());
        // the float as its shortest decimal, so that it reads back as the same float
        s.put("learningRate", Double.parseDouble(Float.toString(cfg.train().learningRate())));
        s.put("trainSeed", cfg.train().seed());
        s.put("centreDropout", cfg.train().centreDropout());
        s.put("learningRateSchedule", cfg.train().schedule().name());
        s.put("threshold", cfg.threshold());
        s.put("minPartFraction", cfg.minPartFraction());
        s.put("gridStepPx", cfg.gridStepPx());
        s.put("fillHoles", cfg.fillHoles());
        SnapConfig snap = cfg.snap();
        s.put("snap", snap.enabled());
        s.put("snapSizePx", snap.sizePx());
        s.put("snapMinSizePx", snap.minSizePx());
        s.put("snapEdgeBandFraction", snap.edgeBandFraction());
        s.put("snapNetworkWeight", snap.networkWeight());
        s.put("snapNetworkIterations", snap.networkIterations());
        s.put("snapShapeWeight", snap.shapeWeight());
        s.put("snapEdgeBandLearned", snap.edgeBandLearned());
        s.put("snapSmoothness", snap.smoothness());
        s.put("snapBackgroundComponents", snap.backgroundComponents());
        s.put("snapReachGap", snap.reachGap());
        s.put("snapMargin", snap.marginFraction());
        s.put("snapIterations", snap.iterations());
        s.put("snapSeedThreshold", snap.seedThreshold());
        s.put("snapStart", snap.start().name());
        s.put("snapPriorWeight", snap.priorWeight());
        s.put("snapGuideRadius", snap.guideRadius());
        s.put("snapAutoConfidence", snap.autoConfidence());
        s.put("snapAutoMargin", snap.autoMarginFraction());
        s.put("snapAutoTagConfidence", snap.autoTagConfidence());
        s.put("relabelRounds", cfg.relabelRounds());
        s.put("initialLabels", cfg.initialLabels().name());
        s.put("borderFraction", cfg.borderFraction());
        s.put("overlap", cfg.overlap().name());
        s.put("sharedConfidence", cfg.sharedConfidence());
        BoxSupervision bs = cfg.boxSupervision();
        s.put("boxLossEpochs", bs.epochs());
        s.put("boxLossPairwise", bs.pairwiseWeight());
        s.put("boxLossSimilarity", bs.colourSimilarity());
        s.put("boxLossLearningRate", bs.learningRate());
        return s;
    }

    /**
     * The configuration these settings describe. A setting that is missing (a model saved by an older boxrefine)
     * takes the value of {@link RefineConfig#defaults(long)}, except for settings added later, which take the value
     * that reproduces the model's own behaviour (a fixed learning rate, no enlarged small tags, no edge band);
     * {@code arch} and {@code seed} are given separately
     * because a model's provenance holds them as fields of their own.
     *
     * @throws IllegalArgumentException naming the setting when a value has the wrong type or is out of range
     */
    public static RefineConfig fromSettings(Map<String, ?> s, NetArch arch, long seed) {
        RefineConfig d = RefineConfig.defaults(seed);
        Reader r = new Reader(s);
        SnapConfig ds = d.snap();
        BoxSupervision db = d.boxSupervision();
        return new RefineConfig(arch,
                new WorkingScale(r.dbl("tagSizePx", d.scale().tagSizePx()), r.dbl("maxUpscale", d.scale().maxUpscale())),
                new SamplingConfig(r.integer("patchesPerImage", d.sampling().patchesPerImage()),
                        r.dbl("ringFraction", d.sampling().ringFraction()), r.dbl("ringShare", d.sampling().ringShare()),
                        r.bool("flip", d.sampling().flip()), r.dbl("colourJitter", d.sampling().colourJitter()),
                        r.dbl("insideShare", d.sampling().insideShare()),
                        r.lng("maxPatchesPerEpoch", d.sampling().maxPatchesPerEpoch()),
                        r.dbl("foregroundShare", d.sampling().foregroundShare())),
                r.integer("epochs", d.epochs()),
                new TrainConfig(r.integer("batchSize", d.train().batchSize()),
                        (float) r.dbl("learningRate", d.train().learningRate()), r.lng("trainSeed", seed),
                        r.dbl("centreDropout", d.train().centreDropout()),
                        r.enumValue("learningRateSchedule", LearningRateSchedule.class, LearningRateSchedule.FIXED)),
                r.dbl("threshold", d.threshold()), r.dbl("minPartFraction", d.minPartFraction()),
                r.integer("gridStepPx", d.gridStepPx()), r.bool("fillHoles", d.fillHoles()),
                new SnapConfig(r.bool("snap", ds.enabled()), r.dbl("snapSizePx", ds.sizePx()),
                        r.dbl("snapMinSizePx", 0),
                        r.dbl("snapMargin", ds.marginFraction()), r.integer("snapIterations", ds.iterations()),
                        r.dbl("snapSeedThreshold", r.dbl("threshold", ds.seedThreshold())),
                        r.enumValue("snapStart", SnapStart.class, ds.start()),
                        r.dbl("snapPriorWeight", ds.priorWeight()), r.dbl("snapGuideRadius", ds.guideRadius()),
                        r.dbl("snapAutoConfidence", ds.autoConfidence()),
                        r.dbl("snapAutoMargin", ds.autoMarginFraction()),
                        r.dbl("snapAutoTagConfidence", ds.autoTagConfidence()), r.dbl("snapEdgeBandFraction", 0),
                        r.dbl("snapNetworkWeight", 0), r.integer("snapNetworkIterations", 0),
                        r.dbl("snapShapeWeight", 0), r.bool("snapEdgeBandLearned", false),
                        r.dbl("snapSmoothness", JointGrabCut.OPENCV_SMOOTHNESS),
                        r.integer("snapBackgroundComponents", SnapConfig.OPENCV_COMPONENTS),
                        r.dbl("snapReachGap", 0)),
                r.integer("relabelRounds", d.relabelRounds()),
                r.enumValue("initialLabels", InitialLabels.class, d.initialLabels()),
                r.dbl("borderFraction", d.borderFraction()),
                r.enumValue("overlap", OverlapRule.class, d.overlap()),
                r.dbl("sharedConfidence", d.sharedConfidence()),
                new BoxSupervision(r.integer("boxLossEpochs", db.epochs()), r.dbl("boxLossPairwise", db.pairwiseWeight()),
                        r.dbl("boxLossSimilarity", db.colourSimilarity()),
                        r.dbl("boxLossLearningRate", db.learningRate())),
                seed);
    }

    /** Typed reads of the settings, with a message naming the setting on a wrong type. */
    private record Reader(Map<String, ?> s) {
        private Object value(String key) {
            return s.get(key);
        }

        private Number number(String key) {
            Object v = value(key);
            if (v instanceof Number n) {
                return n;
            }
            throw new IllegalArgumentException("setting '" + key + "' must be a number, found " + v);
        }

        double dbl(String key, double fallback) {
            return value(key) == null ? fallback : number(key).doubleValue();
        }

        long lng(String key, long fallback) {
            if (value(key) == null) {
                return fallback;
            }
            Number n = number(key);
            if (n.doubleValue() != n.longValue()) {
                throw new IllegalArgumentException("setting '" + key + "' must be a whole number, found " + n);
            }
            return n.longValue();
        }

        int integer(String key, int fallback) {
            long v = lng(key, fallback);
            if (v != (int) v) {
                throw new IllegalArgumentException("setting '" + key + "' is out of range, found " + v);
            }
            return (int) v;
        }

        boolean bool(String key, boolean fallback) {
            Object v = value(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException("setting '" + key + "' must be true or false, found " + v);
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
            Object v = value(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Enum.valueOf(type, v.toString().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting '" + key + "' has an unknown value '" + v + "'", e);
            }
        }
    }
}
