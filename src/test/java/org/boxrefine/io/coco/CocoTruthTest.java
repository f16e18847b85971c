package org.boxrefine.io.coco;

import org.boxrefine.contour.PolygonRaster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.io.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoTruthTest {
    @TempDir
    Path dir;

    private static final BinaryMask PNG_MASK = CocoRleTest.mask(6, 5,
            "000000", "011000", "011100", "000100", "000000");
    private static final BinaryMask RLE_MASK = CocoRleTest.mask(6, 5,
            "100000", "100000", "000001", "000001", "000011");

    private Path writeTruth() throws IOException {
        ImageFiles.writeMaskPng(PNG_MASK, dir.resolve("masks/m1.png"));
        Path file = dir.resolve("truth.json");
        Files.writeString(file, """
                {"info": {"split": "dev"},
                 "images": [{"id": 1, "file_name": "a.png", "width": 6, "height": 5},
                            {"id": 2, "file_name": "b.png"}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 3, 3], "mask_file": "masks/m1.png"},
                   {"id": 2, "image_id": 1, "category_id": 1, "bbox": [0, 0, 6, 5],
                    "segmentation": {"size": [5, 6], "counts": %s}, "mask_file": "masks/none.png"},
                   {"id": 3, "image_id": 1, "category_id": 1, "bbox": [1, 1, 3, 2],
                    "segmentation": [[1, 1, 4, 1, 4, 3, 1, 3]]},
                   {"id": 4, "image_id": 1, "category_id": 1, "segmentation": {"size": [5, 6], "counts": %s}},
                   {"id": 5, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]},
                   {"id": 6, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "mask_file": "masks/none.png"},
                   {"id": 7, "image_id": 1, "category_id": 1, "segmentation": {"size": [5, 6], "counts": "0"}},
                   {"id": 8, "image_id": 1, "category_id": 1, "segmentation": {"size": [4, 6], "counts": "h0"}},
                   {"id": 9, "image_id": 2, "category_id": 1, "segmentation": [[0, 0, 2, 0, 2, 2]]},
                   {"id": 10, "image_id": 3, "category_id": 1, "bbox": [0, 0, 1, 1]},
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}]}
                """.formatted(CocoJson.MAPPER.writeValueAsString(CocoRle.encode(RLE_MASK)), countsList(CocoRle.counts(PNG_MASK))));
        return file;
    }

    private static String countsList(long[] counts) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < counts.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(counts[i]);
        }
        return sb.append(']').toString();
    }

    @Test
    void readsMasksFromPngCompressedAndUncompressedRleAndPolygons() throws IOException {
        CocoTruth truth = CocoTruth.read(writeTruth());

        assertThat(truth.entries()).extracting(CocoTruth.Entry::annotationId)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(truth.mask(1)).isEqualTo(PNG_MASK);
        assertThat(truth.mask(2)).isEqualTo(RLE_MASK);
        assertThat(truth.mask(3)).isEqualTo(CocoRleTest.mask(6, 5,
                "000000", "011100", "011100", "000000", "000000"));
        assertThat(truth.mask(4)).isEqualTo(PNG_MASK);
        assertThat(truth.entry(1).orElseThrow().box()).isEqualTo(BoxPx.fromXywh(1, 1, 3, 3));
        assertThat(truth.entry(4).orElseThrow().box()).isNull();
        assertThat(truth.entry(5).orElseThrow().hasMask()).isFalse();
        assertThat(truth.info()).hasValueSatisfying(i -> assertThat(i.get("split").asText()).isEqualTo("dev"));
        assertThat(truth.warnings()).hasSize(2);
        assertThat(truth.warnings().get(0)).contains("annotation 10 ", "unknown image_id 3");
        assertThat(truth.warnings().get(1)).contains("annotation 1 (annotations[10])", "duplicate");
    }

    @Test
    void maskProblemsAreReportedNamingFileAndAnnotation() throws IOException {
        Path file = writeTruth();
        CocoTruth truth = CocoTruth.read(file);

        assertThatThrownBy(() -> truth.mask(5)).isInstanceOf(IOException.class)
                .hasMessageContaining(file + ": annotation 5").hasMessageContaining("no mask");
        assertThatThrownBy(() -> truth.mask(6)).isInstanceOf(IOException.class)
                .hasMessageContaining("none.png").hasMessageContaining("not found");
        assertThatThrownBy(() -> truth.mask(7)).isInstanceOf(IOException.class)
                .hasMessageContaining(file + ": annotation 7").hasMessageContaining("sum to height*width = 30");
        assertThatThrownBy(() -> truth.mask(8)).isInstanceOf(IOException.class)
                .hasMessageContaining("annotation 8").hasMessageContaining("6x5").hasMessageContaining("found 6x4");
        assertThatThrownBy(() -> truth.mask(9)).isInstanceOf(IOException.class)
                .hasMessageContaining("annotation 9").hasMessageContaining("width and height");
        assertThatThrownBy(() -> truth.mask(42)).isInstanceOf(IOException.class)
                .hasMessageContaining("annotation 42").hasMessageContaining("no such annotation");
    }

    @Test
    void predictionsIgnoreMaskFiles() throws IOException {
        CocoTruth pred = CocoTruth.readPredictions(writeTruth());

        assertThat(pred.entry(1).orElseThrow().hasMask()).isFalse();
        assertThat(pred.entry(2).orElseThrow().hasMask()).isTrue();
        assertThat(pred.mask(2)).isEqualTo(RLE_MASK);
    }

    @Test
    void polygonsAreFilledAtPixelCentres() {
        Random random = new Random(3);
        int compared = 0;
        int differing = 0;
        for (int trial = 0; trial < 200; trial++) {
            int w = 5 + random.nextInt(30);
            int h = 5 + random.nextInt(30);
            int n = 3 + random.nextInt(5);
            double[] p = new double[2 * n];
            for (int i = 0; i < n; i++) {
                p[2 * i] = random.nextDouble() * (w + 4) - 2;
                p[2 * i + 1] = random.nextDouble() * (h + 4) - 2;
            }
            BinaryMask m = PolygonRaster.fill(List.of(p), w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (distanceToEdges(p, x + 0.5, y + 0.5) < 0.05) {
                        continue;
                    }
                    compared++;
                    if (m.get(x, y) != insideEvenOdd(p, x + 0.5, y + 0.5)) {
                        differing++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(50_000);
        assertThat(differing).isZero();
    }

    @Test
    void polygonEdgesAreHalfOpenLikeBoxes() {
        BinaryMask m = PolygonRaster.fill(List.of(new double[] {1.5, 1.5, 3.5, 1.5, 3.5, 2.5, 1.5, 2.5},
                new double[] {4, 3, 5, 3, 5, 4}), 6, 5);

        assertThat(m).isEqualTo(CocoRleTest.mask(6, 5, "000000", "011000", "000000", "000010", "000000"));
    }

    private static boolean insideEvenOdd(double[] p, double x, double y) {
        boolean inside = false;
        int n = p.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = p[2 * i];
            double yi = p[2 * i + 1];
            double xj = p[2 * j];
            double yj = p[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static double distanceToEdges(double[] p, double x, double y) {
        double best = Double.MAX_VALUE;
        int n = p.length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double ax = p[2 * j];
            double ay = p[2 * j + 1];
            double dx = p[2 * i] - ax;
            double dy = p[2 * i + 1] - ay;
            double t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
            best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
        }
        return best;
    }
}
