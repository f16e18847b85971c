package org.boxrefine.io.labelme;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.boxrefine.io.AtomicFiles;

/**
 * Writes one LabelMe JSON file per image: {@code imagePath} relative to the JSON file, {@code imageData} null,
 * the image's size, and the shapes given (polygons for masks, rectangles for boxes), each with its label and
 * {@code group_id} (the annotation id, which ties an instance's parts and its box together).
 */
public final class LabelmeWriter {
    /** The LabelMe version written in the files. */
    public static final String VERSION = "5.5.0";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LabelmeWriter() {
    }

    /**
     * One shape.
     *
     * @param label       the class name
     * @param groupId     the annotation id
     * @param rectangle   true for a box ({@code xyPx} holds two opposite corners), false for a polygon
     * @param xyPx        {@code [x1, y1, x2, y2, ...]} in pixels, pixel (x, y) covering [x, x+1) x [y, y+1)
     * @param description free text shown by LabelMe
     */
    public record Shape(String label, long groupId, boolean rectangle, double[] xyPx, String description) {
    }

    /** Writes the file atomically. */
    public static void write(Path file, String imagePath, int widthPx, int heightPx, List<Shape> shapes)
            throws IOException {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("version", VERSION);
        doc.putObject("flags");
        ArrayNode arr = doc.putArray("shapes");
        for (Shape s : shapes) {
            ObjectNode o = arr.addObject();
            o.put("label", s.label());
            ArrayNode pts = o.putArray("points");
            double[] p = s.xyPx();
            for (int k = 0; k + 1 < p.length; k += 2) {
                pts.addArray().add(p[k]).add(p[k + 1]);
            }
            o.put("group_id", s.groupId());
            o.put("description", s.description());
            o.put("shape_type", s.rectangle() ? "rectangle" : "polygon");
            o.putObject("flags");
            o.putNull("mask");
        }
        doc.put("imagePath", imagePath);
        doc.putNull("imageData");
        doc.put("imageHeight", heightPx);
        doc.put("imageWidth", widthPx);
        AtomicFiles.write(file, os -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(os, doc));
    }
}
