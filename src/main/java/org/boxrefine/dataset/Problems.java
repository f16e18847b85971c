package org.boxrefine.dataset;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collects the problems of one run, from the readers and from image loading, and counts what was skipped per
 * reason. A listener sees each problem as it is added (the command line prints it, or stops the run in strict
 * mode by throwing from the listener).
 */
public final class Problems {
    private final List<Problem> all = new ArrayList<>();
    private final Consumer<Problem> listener;

    /** A collector that only collects. */
    public Problems() {
        this(p -> { });
    }

    /** A collector that also hands each problem to {@code listener} as it is added. */
    public Problems(Consumer<Problem> listener) {
        this.listener = listener;
    }

    public void add(Problem p) {
        all.add(p);
        listener.accept(p);
    }

    public void addAll(List<Problem> problems) {
        problems.forEach(this::add);
    }

    /** Every problem in the order found. */
    public List<Problem> all() {
        return List.copyOf(all);
    }

    /** Whether any image or box was skipped. */
    public boolean anySkipped() {
        return all.stream().anyMatch(Problem::skips);
    }

    /** Skipped images and boxes for one reason. */
    public record Count(int images, int boxes) {
    }

    /**
     * What was skipped, per reason in the reasons' order: the distinct images skipped whole (problems naming an
     * image with no annotation ids, or an image problem such as {@link Problem.Reason#IMAGE_FILE}) and the distinct
     * boxes skipped.
     */
    public Map<Problem.Reason, Count> skippedByReason() {
        Map<Problem.Reason, Set<Long>> images = new EnumMap<>(Problem.Reason.class);
        Map<Problem.Reason, Set<Long>> boxes = new EnumMap<>(Problem.Reason.class);
        Map<Problem.Reason, Integer> unnamed = new EnumMap<>(Problem.Reason.class);
        for (Problem p : all) {
            if (!p.skips()) {
                continue;
            }
            boolean wholeImage = isImageReason(p.reason());
            if (wholeImage && p.imageId() != null) {
                images.computeIfAbsent(p.reason(), r -> new LinkedHashSet<>()).add(p.imageId());
            }
            if (!p.annotationIds().isEmpty()) {
                boxes.computeIfAbsent(p.reason(), r -> new LinkedHashSet<>()).addAll(p.annotationIds());
            } else if (!wholeImage || p.imageId() == null) {
                unnamed.merge(p.reason(), 1, Integer::sum);
            }
        }
        Map<Problem.Reason, Count> out = new EnumMap<>(Problem.Reason.class);
        for (Problem.Reason r : Problem.Reason.values()) {
            int nImages = images.getOrDefault(r, Set.of()).size();
            int nBoxes = boxes.getOrDefault(r, Set.of()).size();
            int nUnnamed = unnamed.getOrDefault(r, 0);
            if (isImageReason(r) && nUnnamed > 0) {
                nImages += nUnnamed;
            } else {
                nBoxes += nUnnamed;
            }
            if (nImages + nBoxes > 0) {
                out.put(r, new Count(nImages, nBoxes));
            }
        }
        return out;
    }

    private static boolean isImageReason(Problem.Reason r) {
        return r == Problem.Reason.IMAGE_ENTRY || r == Problem.Reason.IMAGE_FILE || r == Problem.Reason.IMAGE_SIZE
                || r == Problem.Reason.IMAGE_MEMORY || r == Problem.Reason.IMAGE_PROCESSING;
    }
}
