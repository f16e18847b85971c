package org.boxrefine.io;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The files {@code refine} can write besides {@code annotations.json}. */
public enum OutputFormat {
    /** {@code annotations.json}: COCO with compressed RLE masks (always written). */
    COCO("coco"),
    /** {@code annotations_polygons.json}: COCO with polygon masks. */
    COCO_POLYGON("coco-polygon"),
    /** {@code yolo/labels/*.txt} and {@code yolo/data.yaml}: YOLO segmentation. */
    YOLO("yolo"),
    /** {@code labelme/*.json}: LabelMe polygon shapes. */
    LABELME("labelme"),
    /** {@code masks/<annotation id>.png}, {@code instances/*.png} and {@code instances.csv}. */
    PNG("png");

    private final String cliName;

    OutputFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the format holds polygons traced from the masks. */
    public boolean polygons() {
        return this == COCO_POLYGON || this == YOLO || this == LABELME;
    }

    /** The formats named on the command line; COCO is always among them. */
    public static Set<OutputFormat> parse(List<String> names) {
        Set<OutputFormat> out = EnumSet.of(COCO);
        for (String n : names) {
            String name = n.strip().toLowerCase(Locale.ROOT);
            OutputFormat hit = null;
            for (OutputFormat f : values()) {
                if (f.cliName.equals(name)) {
                    hit = f;
                }
            }
            if (hit == null) {
                throw new IllegalArgumentException("--output-format must list coco, coco-polygon, yolo, labelme or png,"
                        + " found '" + n + "'");
            }
            out.add(hit);
        }
        return out;
    }
}
