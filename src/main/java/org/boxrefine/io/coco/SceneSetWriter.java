package org.boxrefine.io.coco;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.io.AtomicFiles;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.synth.Scene;
import org.boxrefine.synth.SceneObject;
import org.boxrefine.synth.SceneSet;

/**
 * Writes a {@link SceneSet} to a folder in the layout of the prepared real data sets:
 * {@code images/scene_000.png}, {@code masks/scene_000_<k>.png} (0/255, k from 1, one per
 * object), {@code boxes.json} (COCO, tight boxes) and {@code boxes_loose.json} (COCO, loose
 * boxes, with {@code tight_bbox}, {@code pad_frac_ltrb} and {@code clipped}). Image and
 * annotation ids count from 1; every path in the JSON is relative to the folder. Files are
 * replaced atomically, the JSON last; files of an earlier, larger set are not removed.
 */
public final class SceneSetWriter {
    /** Name of the file with tight boxes. */
    public static final String TIGHT_JSON = "boxes.json";
    /** Name of the file with loose boxes. */
    public static final String LOOSE_JSON = "boxes_loose.json";

    private static final String BBOX_CONVENTION = "[x, y, w, h], 0-based, covers x..x+w-1 / y..y+h-1";

    private SceneSetWriter() {
    }

    /**
     * What {@link #write} wrote.
     *
     * @param folder          the folder written to
     * @param tightJson       the COCO file with tight boxes
     * @param looseJson       the COCO file with loose boxes
     * @param imageCount      number of images (and entries in {@code images})
     * @param annotationCount number of annotations, masks and boxes
     */
    public record Written(Path folder, Path tightJson, Path looseJson, int imageCount, int annotationCount) {
    }

    /** Writes {@code set} into {@code folder} (created when missing). */
    public static Written write(SceneSet set, Path folder) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        ObjectNode tight = mapper.createObjectNode();
        ObjectNode loose = mapper.createObjectNode();
        tight.set("info", info(mapper, set, "tight box of the ground-truth mask"));
        loose.set("info", info(mapper, set, String.format(Locale.ROOT,
                "loose: tight box padded on each side by U[%.0f%%,%.0f%%] of the box width/height,"
                        + " rounded to whole pixels, clipped to the image",
                100 * set.config().minPadFrac(), 100 * set.config().maxPadFrac())));
        ArrayNode tightImages = tight.putArray("images");
        ArrayNode looseImages = loose.putArray("images");
        ArrayNode tightAnns = tight.putArray("annotations");
        ArrayNode looseAnns = loose.putArray("annotations");

        long annotationId = 0;
        for (int i = 0; i < set.scenes().size(); i++) {
            Scene scene = set.scenes().get(i);
            String name = SceneSet.sceneName(i);
            String imageFile = "images/" + name + ".png";
            ImageFiles.writePng(scene.image(), folder.resolve(imageFile));
            long imageId = i + 1L;
            ObjectNode image = mapper.createObjectNode();
            image.put("id", imageId);
            image.put("file_name", imageFile);
            image.put("width", scene.widthPx());
            image.put("height", scene.heightPx());
            image.put("source_id", name);
            tightImages.add(image);
            looseImages.add(image.deepCopy());

            for (int k = 0; k < scene.objects().size(); k++) {
                SceneObject object = scene.objects().get(k);
                String maskFile = "masks/" + name + "_" + (k + 1) + ".png";
                ImageFiles.writeMaskPng(object.mask(), folder.resolve(maskFile));
                annotationId++;
                boolean touches = touchesBorder(object.tightBox(), scene.widthPx(), scene.heightPx());
                ObjectNode t = annotation(mapper, annotationId, imageId, object.tightBox(), object, maskFile, touches);
                tightAnns.add(t);
                ObjectNode l = annotation(mapper, annotationId, imageId, object.looseBox(), object, maskFile, touches);
                l.set("tight_bbox", bbox(mapper, object.tightBox()));
                SceneObject.Padding p = object.padding();
                ArrayNode pad = l.putArray("pad_frac_ltrb");
                pad.add(round4(p.left())).add(round4(p.top())).add(round4(p.right())).add(round4(p.bottom()));
                l.put("clipped", !object.padding().apply(object.tightBox()).equals(object.looseBox()));
                looseAnns.add(l);
            }
        }
        for (ObjectNode root : new ObjectNode[] {tight, loose}) {
            ArrayNode categories = root.putArray("categories");
            categories.addObject().put("id", 1).put("name", "object").put("supercategory", "object");
        }

        Path tightPath = folder.resolve(TIGHT_JSON);
        Path loosePath = folder.resolve(LOOSE_JSON);
        AtomicFiles.write(tightPath, os -> mapper.writeValue(os, tight));
        AtomicFiles.write(loosePath, os -> mapper.writeValue(os, loose));
        return new Written(folder, tightPath, loosePath, set.scenes().size(), (int) annotationId);
    }

    private static ObjectNode info(ObjectMapper mapper, SceneSet set, String boxKind) {
        ObjectNode info = mapper.createObjectNode();
        info.put("dataset", "boxrefine synthetic scenes");
        info.put("split", "synthetic");
        info.put("generator", "org.boxrefine.synth.SceneGenerator");
        info.put("seed", set.seed());
        info.set("config", mapper.valueToTree(set.config()));
        info.put("bbox_convention", BBOX_CONVENTION);
        info.put("box_kind", boxKind);
        return info;
    }

    private static ObjectNode annotation(ObjectMapper mapper, long id, long imageId, BoxPx box, SceneObject object,
                                         String maskFile, boolean touchesBorder) {
        ObjectNode a = mapper.createObjectNode();
        a.put("id", id);
        a.put("image_id", imageId);
        a.put("category_id", 1);
        a.set("bbox", bbox(mapper, box));
        a.put("area", object.areaPx());
        a.put("iscrowd", 0);
        a.put("mask_file", maskFile);
        a.put("touches_border", touchesBorder);
        a.put("shape", object.shape().name().toLowerCase(Locale.ROOT));
        a.put("texture", object.texture().name().toLowerCase(Locale.ROOT));
        return a;
    }

    /** COCO {@code [x, y, w, h]}, as integers where the box has integer corners. */
    private static ArrayNode bbox(ObjectMapper mapper, BoxPx box) {
        ArrayNode out = mapper.createArrayNode();
        for (double v : box.toXywh()) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                out.add((long) v);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean touchesBorder(BoxPx tight, int widthPx, int heightPx) {
        return tight.x0Px() <= 0 || tight.y0Px() <= 0 || tight.x1Px() >= widthPx || tight.y1Px() >= heightPx;
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
