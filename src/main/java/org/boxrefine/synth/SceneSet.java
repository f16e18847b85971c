package org.boxrefine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A numbered set of synthetic scenes from one seed. Scene {@code i} depends only on the
 * configuration, the seed and {@code i}, so a longer set from the same seed starts with the
 * scenes of a shorter one.
 *
 * @param config the configuration the scenes were drawn from
 * @param seed   the seed of the set
 * @param scenes the scenes, in order
 */
public record SceneSet(SceneConfig config, long seed, List<Scene> scenes) {

    public SceneSet {
        if (config == null || scenes == null) {
            throw new IllegalArgumentException("scene set needs a configuration and scenes, found config=" + config
                    + ", scenes=" + scenes);
        }
        scenes = List.copyOf(scenes);
    }

    /** Generates {@code count} scenes from {@code seed}. */
    public static SceneSet generate(SceneConfig config, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("scene count must be >= 0, found " + count);
        }
        SceneGenerator generator = new SceneGenerator(config);
        List<Scene> scenes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scenes.add(generator.generate(sceneRandom(seed, i)));
        }
        return new SceneSet(config, seed, scenes);
    }

    /** The generator scene {@code index} of a set with {@code seed} is drawn from. */
    public static SplittableRandom sceneRandom(long seed, int index) {
        return new SplittableRandom(new SplittableRandom(seed).nextLong() ^ mix(index + 0x9E3779B97F4A7C15L));
    }

    /** The name of scene {@code index}: {@code scene_000}, {@code scene_001}, ... */
    public static String sceneName(int index) {
        return String.format(Locale.ROOT, "scene_%03d", index);
    }

    public int size() {
        return scenes.size();
    }

    /** Total number of objects over all scenes. */
    public int objectCount() {
        int n = 0;
        for (Scene s : scenes) {
            n += s.objects().size();
        }
        return n;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
