package org.boxrefine.io.yolo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.boxrefine.io.AtomicFiles;

/**
 * Writes YOLO segmentation labels (Ultralytics): one line per polygon, {@code class x1 y1 x2 y2 ...} with each
 * coordinate divided by the image's width or height (6 decimals), and a {@code data.yaml} with the class names.
 * A line cannot express a hole or tie parts together: each polygon is its own line (its own instance).
 */
public final class YoloSegWriter {
    private YoloSegWriter() {
    }

    /** One polygon of an instance: its class index and {@code [x1, y1, ...]} in pixels. */
    public record Line(int classIndex, double[] xyPx) {
    }

    /** The text of one label line. */
    public static String line(Line l, int widthPx, int heightPx) {
        StringBuilder sb = new StringBuilder().append(l.classIndex());
        double[] p = l.xyPx();
        for (int k = 0; k < p.length; k++) {
            double v = p[k] / (k % 2 == 0 ? widthPx : heightPx);
            sb.append(' ').append(String.format(Locale.ROOT, "%.6f", Math.min(1, Math.max(0, v))));
        }
        return sb.toString();
    }

    /** Writes an image's label file atomically (empty when it has no polygon). */
    public static void writeLabels(Path file, List<Line> lines, int widthPx, int heightPx) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(line(l, widthPx, heightPx)).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, os -> os.write(bytes));
    }

    /** Writes {@code data.yaml}: {@code nc} and {@code names} (a list, index = class). */
    public static void writeDataYaml(Path file, List<String> names) throws IOException {
        YAMLMapper yaml = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
        ObjectNode doc = yaml.createObjectNode();
        doc.put("nc", names.size());
        ArrayNode n = doc.putArray("names");
        names.forEach(n::add);
        byte[] bytes = yaml.writeValueAsBytes(doc);
        AtomicFiles.write(file, os -> os.write(bytes));
    }
}
