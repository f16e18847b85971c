package org.boxrefine.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.io.coco.CocoCategory;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoImageSource;

/**
 * Test helper: writes a COCO data set's boxes as Pascal VOC, YOLO detection or LabelMe files (images copied),
 * in the layouts the readers expect, so that end-to-end tests can start from every format.
 */
public final class BoxFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoxFiles() {
    }

    /** {@code root/Annotations/<stem>.xml} with 1-based inclusive corners and {@code root/JPEGImages/}. */
    public static void writeVoc(CocoDataset d, Path root) throws IOException {
        Map<Long, String> names = names(d);
        for (ImageRecord r : d.images()) {
            String file = copy(d, r, root.resolve("JPEGImages"));
            StringBuilder sb = new StringBuilder("<annotation>\n  <folder>JPEGImages</folder>\n  <filename>" + file
                    + "</filename>\n  <size><width>" + r.widthPx() + "</width><height>" + r.heightPx()
                    + "</height><depth>3</depth></size>\n");
            for (Tag t : r.tags()) {
                BoxPx b = t.box();
                sb.append("  <object><name>").append(names.get(t.categoryId())).append("</name><bndbox><xmin>")
                        .append(num(b.x0Px() + 1)).append("</xmin><ymin>").append(num(b.y0Px() + 1))
                        .append("</ymin><xmax>").append(num(b.x1Px())).append("</xmax><ymax>").append(num(b.y1Px()))
                        .append("</ymax></bndbox></object>\n");
            }
            write(root.resolve("Annotations").resolve(stem(file) + ".xml"), sb.append("</annotation>\n").toString());
        }
    }

    /** {@code root/images/}, {@code root/labels/<stem>.txt} (class = category position) and {@code root/data.yaml}. */
    public static void writeYolo(CocoDataset d, Path root) throws IOException {
        List<CocoCategory> cats = d.categories();
        Map<Long, Integer> index = new HashMap<>();
        StringBuilder yaml = new StringBuilder("path: .\ntrain: images\nval: images\nnames:\n");
        for (int i = 0; i < cats.size(); i++) {
            index.put(cats.get(i).id(), i);
            yaml.append("  ").append(i).append(": ").append(cats.get(i).name()).append('\n');
        }
        write(root.resolve("data.yaml"), yaml.toString());
        for (ImageRecord r : d.images()) {
            String file = copy(d, r, root.resolve("images"));
            StringBuilder sb = new StringBuilder();
            for (Tag t : r.tags()) {
                BoxPx b = t.box();
                sb.append(index.get(t.categoryId())).append(String.format(Locale.ROOT, " %.6f %.6f %.6f %.6f%n",
                        (b.x0Px() + b.x1Px()) / 2 / r.widthPx(), (b.y0Px() + b.y1Px()) / 2 / r.heightPx(),
                        b.widthPx() / r.widthPx(), b.heightPx() / r.heightPx()));
            }
            write(root.resolve("labels").resolve(stem(file) + ".txt"), sb.toString());
        }
    }

    /** {@code root/<stem>.json} with rectangle shapes, images in {@code root/images/}. */
    public static void writeLabelme(CocoDataset d, Path root) throws IOException {
        Map<Long, String> names = names(d);
        for (ImageRecord r : d.images()) {
            String file = copy(d, r, root.resolve("images"));
            ObjectNode doc = JSON.createObjectNode().put("version", "5.4.1");
            doc.putObject("flags");
            ArrayNode shapes = doc.putArray("shapes");
            for (Tag t : r.tags()) {
                ObjectNode s = shapes.addObject().put("label", names.get(t.categoryId()));
                ArrayNode p = s.putArray("points");
                p.addArray().add(t.box().x0Px()).add(t.box().y0Px());
                p.addArray().add(t.box().x1Px()).add(t.box().y1Px());
                s.putNull("group_id");
                s.put("shape_type", "rectangle");
                s.putObject("flags");
            }
            doc.put("imagePath", "images/" + file).putNull("imageData");
            doc.put("imageHeight", r.heightPx()).put("imageWidth", r.widthPx());
            write(root.resolve(stem(file) + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        }
    }

    private static Map<Long, String> names(CocoDataset d) {
        Map<Long, String> names = new HashMap<>();
        d.categories().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    private static String copy(CocoDataset d, ImageRecord r, Path folder) throws IOException {
        Path src = CocoImageSource.of(d).fileOf(r);
        Files.createDirectories(folder);
        Files.copy(src, folder.resolve(src.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return src.getFileName().toString();
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
