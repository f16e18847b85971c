package org.boxrefine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.coco.CocoRle;
import org.boxrefine.io.image.ImageFiles;

/**
 * A finished run's folder made in code, without training: three images (one with an awkward file name), six
 * annotations of which five have a mask and a score (one was skipped), and a truth file whose masks are the
 * boxes. Each predicted mask is the left part of its box, so its IoU with the truth is that part's share.
 */
final class ReportFixture {
    static final int W = 160;
    static final int H = 120;
    static final String ODD_NAME = "a&b <2> 'x'.png";

    /** One annotation: its image, box {@code [x, y, w, h]}, the share of the box its mask keeps, and its score. */
    record Box(long id, long imageId, int x, int y, int w, int h, double share, double score) {
        BinaryMask truth() {
            return rect(x, y, w, h);
        }

        BinaryMask predicted() {
            return rect(x, y, (int) Math.round(w * share), h);
        }
    }

    static final List<String> FILES = List.of("scene 1.png", ODD_NAME, "c.png");
    static final List<Box> BOXES = List.of(
            new Box(11, 1, 10, 10, 80, 60, 0.9, 0.80),
            new Box(12, 1, 80, 40, 70, 70, 0.3, 0.20),
            new Box(21, 2, 20, 20, 90, 80, 0.6, 0.55),
            new Box(22, 2, 100, 10, 50, 50, Double.NaN, Double.NaN),
            new Box(31, 3, 30, 15, 60, 90, 0.75, 0.35),
            new Box(32, 3, 5, 60, 100, 50, 0.45, 0.95));

    /** The folders and files written. */
    record Written(Path out, Path images, Path truth) {
    }

    private ReportFixture() {
    }

    static Written write(Path dir) throws IOException {
        Path images = dir.resolve("images");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        for (int i = 0; i < FILES.size(); i++) {
            ImageFiles.writePng(picture(i), images.resolve(FILES.get(i)));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode pred = document(json);
        ObjectNode truth = document(json);
        for (Box b : BOXES) {
            ObjectNode p = annotation((ArrayNode) pred.get("annotations"), b);
            if (!Double.isNaN(b.score())) {
                p.set("segmentation", rle(json, b.predicted()));
                p.put("score", b.score());
            }
            annotation((ArrayNode) truth.get("annotations"), b).set("segmentation", rle(json, b.truth()));
        }
        json.writeValue(out.resolve("annotations.json").toFile(), pred);
        Path truthFile = dir.resolve("truth.json");
        json.writeValue(truthFile.toFile(), truth);
        return new Written(out, images, truthFile);
    }

    /** The refined boxes' IoU with the truth, computed from the masks. */
    static Map<Long, Double> ious() {
        Map<Long, Double> iou = new LinkedHashMap<>();
        for (Box b : BOXES) {
            if (!Double.isNaN(b.score())) {
                iou.put(b.id(), b.predicted().iou(b.truth()));
            }
        }
        return iou;
    }

    private static ObjectNode document(ObjectMapper json) {
        ObjectNode doc = json.createObjectNode();
        ArrayNode imgs = doc.putArray("images");
        for (int i = 0; i < FILES.size(); i++) {
            imgs.addObject().put("id", i + 1).put("file_name", FILES.get(i)).put("width", W).put("height", H);
        }
        doc.putArray("categories").addObject().put("id", 1).put("name", "thing");
        doc.putArray("annotations");
        return doc;
    }

    private static ObjectNode annotation(ArrayNode annotations, Box b) {
        ObjectNode a = annotations.addObject().put("id", b.id()).put("image_id", b.imageId()).put("category_id", 1);
        a.putArray("bbox").add(b.x()).add(b.y()).add(b.w()).add(b.h());
        return a;
    }

    private static ObjectNode rle(ObjectMapper json, BinaryMask m) {
        ObjectNode seg = json.createObjectNode();
        seg.putArray("size").add(m.heightPx()).add(m.widthPx());
        seg.put("counts", CocoRle.encode(m));
        return seg;
    }

    private static BinaryMask rect(int x, int y, int w, int h) {
        BinaryMask m = new BinaryMask(W, H);
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                m.set(i, j, true);
            }
        }
        return m;
    }

    private static RgbImage picture(int k) {
        RgbImage img = RgbImage.blank(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                img.set(x, y, (x * 3 + k * 70) & 0xff, (y * 2 + k * 40) & 0xff, ((x ^ y) + k * 90) & 0xff);
            }
        }
        return img;
    }
}
