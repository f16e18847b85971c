package org.boxrefine.io.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;

/**
 * Writes boxrefine's result as a COCO file: the input document with every field kept, and on each refined
 * annotation {@code "segmentation": {"size": [h, w], "counts": "<pycocotools string>"}} and {@code "score"}
 * (box-free: also the mask's {@code bbox} and {@code area}). Annotations that were not refined are written
 * exactly as read, or left out.
 */
public final class CocoResultWriter {
    /** The name of the result file inside the output folder. */
    public static final String FILE_NAME = "annotations.json";

    private CocoResultWriter() {
    }

    /**
     * The mask found for one annotation, already RLE-encoded so that a long run keeps only strings.
     *
     * @param heightPx height of the annotation's image
     * @param widthPx  width of the annotation's image
     * @param counts   the mask as a pycocotools compressed RLE string
     * @param score    the confidence written as the annotation's {@code score}, a finite number
     * @param box      null to keep the annotation's {@code bbox} and {@code area}; otherwise they become
     *                 this box and {@code areaPx} (box-free output, where the box comes from the mask)
     * @param areaPx   the mask's pixel count when {@code box} is given
     */
    public record Refined(int heightPx, int widthPx, String counts, double score, PixelRect box, long areaPx) {
        public Refined {
            if (counts == null) {
                throw new IllegalArgumentException("refined annotation needs a mask, found null");
            }
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score must be a finite number, found " + score);
            }
            if (box != null && areaPx < 0) {
                throw new IllegalArgumentException("area with a box must be at least 0, found " + areaPx);
            }
        }

        /** Encodes {@code mask} (at the full size of the annotation's image); bbox and area stay as read. */
        public static Refined of(BinaryMask mask, double score) {
            if (mask == null) {
                throw new IllegalArgumentException("refined annotation needs a mask, found null");
            }
            return new Refined(mask.heightPx(), mask.widthPx(), CocoRle.encode(mask), score, null, 0);
        }

        /**
         * Encodes {@code mask} and makes its tight bounding box and pixel count the annotation's
         * {@code bbox} and {@code area} ({@code [0, 0, 0, 0]} and 0 for an empty mask).
         */
        public static Refined withMaskBox(BinaryMask mask, double score) {
            Refined r = of(mask, score);
            return new Refined(r.heightPx, r.widthPx, r.counts, score, mask.bounds(), mask.count());
        }
    }

    /**
     * Writes {@code outFolder/annotations.json} atomically.
     *
     * @return the file written
     */
    public static Path write(CocoDataset dataset, Map<Long, Refined> refined, Path outFolder) throws IOException {
        return write(dataset, refined, outFolder, false);
    }

    /**
     * Writes {@code outFolder/annotations.json} atomically; with {@code refinedOnly}, annotations
     * without a mask are left out.
     *
     * @return the file written
     */
    public static Path write(CocoDataset dataset, Map<Long, Refined> refined, Path outFolder, boolean refinedOnly)
            throws IOException {
        Path file = outFolder.resolve(FILE_NAME);
        ObjectNode doc = toDocument(dataset, refined);
        if (refinedOnly) {
            ArrayNode annotations = (ArrayNode) doc.get("annotations");
            for (int i = annotations.size() - 1; i >= 0; i--) {
                if (!refined.containsKey(annotations.get(i).path("id").asLong())) {
                    annotations.remove(i);
                }
            }
        }
        CocoJson.write(file, doc);
        return file;
    }

    /** Writes a result document (from {@link #toDocument}, possibly changed further) to {@code file} atomically. */
    public static void writeDocument(ObjectNode document, Path file) throws IOException {
        CocoJson.write(file, document);
    }

    /** Writes the result to {@code file} atomically. */
    public static void writeFile(CocoDataset dataset, Map<Long, Refined> refined, Path file) throws IOException {
        CocoJson.write(file, toDocument(dataset, refined));
    }

    /**
     * The result document: a copy of the input with the refined annotations changed.
     *
     * @throws IllegalArgumentException when an id is not a usable annotation of the data set, or a mask's size
     *                                  differs from its image's declared size
     */
    public static ObjectNode toDocument(CocoDataset dataset, Map<Long, Refined> refined) {
        ObjectNode doc = dataset.documentView().deepCopy();
        ArrayNode annotations = (ArrayNode) doc.get("annotations");
        for (Map.Entry<Long, Refined> e : refined.entrySet()) {
            long id = e.getKey();
            OptionalInt index = dataset.annotationIndex(id);
            if (index.isEmpty()) {
                throw new IllegalArgumentException("annotation " + id + " is not a usable annotation of "
                        + dataset.jsonFile() + "; cannot write a mask for it");
            }
            Refined mask = e.getValue();
            ImageRecord image = dataset.imageOfAnnotation(id).orElseThrow();
            boolean declared = image.widthPx() > 0 && image.heightPx() > 0;
            if (declared && (mask.widthPx() != image.widthPx() || mask.heightPx() != image.heightPx())) {
                throw new IllegalArgumentException("mask of annotation " + id + " must have the size of image "
                        + image.imageId() + ", " + image.widthPx() + "x" + image.heightPx() + ", found "
                        + mask.widthPx() + "x" + mask.heightPx());
            }
            ObjectNode ann = (ObjectNode) annotations.get(index.getAsInt());
            ObjectNode seg = ann.objectNode();
            seg.putArray("size").add(mask.heightPx()).add(mask.widthPx());
            seg.put("counts", mask.counts());
            ann.set("segmentation", seg);
            ann.put("score", e.getValue().score());
            if (mask.box() != null) {
                PixelRect b = mask.box();
                ann.putArray("bbox").add(b.x0Px()).add(b.y0Px()).add(b.widthPx()).add(b.heightPx());
                ann.put("area", mask.areaPx());
            }
        }
        return doc;
    }
}
