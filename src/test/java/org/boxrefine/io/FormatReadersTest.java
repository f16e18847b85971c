package org.boxrefine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.coco.CocoCategory;
import org.boxrefine.io.coco.CocoDataset;
import org.boxrefine.io.coco.CocoImageSource;
import org.boxrefine.io.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatReadersTest {

    static void png(Path file, int w, int h) throws Exception {
        ImageFiles.writePng(new RgbImage(w, h, new byte[3 * w * h]), file);
    }

    static String voc(String file, int w, int h, String objects) {
        return "<annotation>\n  <folder>VOC</folder>\n  <filename>" + file + "</filename>\n  <size><width>" + w
                + "</width><height>" + h + "</height><depth>3</depth></size>\n" + objects + "</annotation>\n";
    }

    static String object(String name, String xmin, String ymin, String xmax, String ymax) {
        return "  <object><name>" + name + "</name><difficult>0</difficult><bndbox><xmin>" + xmin + "</xmin><ymin>"
                + ymin + "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>\n";
    }

    @Test
    void vocCornersAreOneBasedInclusiveAndBadFilesAndObjectsAreReportedAndSkipped(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("Annotations"));
        png(dir.resolve("JPEGImages/a.png"), 10, 8);
        png(dir.resolve("JPEGImages/c.png"), 6, 6);
        Files.writeString(dir.resolve("Annotations/a.xml"), voc("a.png", 10, 8,
                object("cat", "1", "2", "4", "8") + object("dog", "3", "3", "2", "5") + object("dog", "5.0", "1", "10", "3")));
        Files.writeString(dir.resolve("Annotations/b.xml"), "<annotation>\n<filename>b.png</filename>\n<object>\n</annotation>");
        Files.writeString(dir.resolve("Annotations/c.xml"), voc("c.png", 6, 6, object("cat", "1", "1", "6", "6")));

        assertThat(InputFormat.detect(dir)).isEqualTo(InputFormat.VOC);
        CocoDataset d = DatasetReaders.read(dir, null, null);
        assertThat(d.imageFolder()).isEqualTo(dir.resolve("JPEGImages"));
        assertThat(d.categories()).extracting(CocoCategory::id, CocoCategory::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "cat"), org.assertj.core.groups.Tuple.tuple(2L, "dog"));
        List<ImageRecord> images = d.images();
        assertThat(images).extracting(ImageRecord::fileName).containsExactly("a.png", "c.png");
        Tag cat = images.get(0).tags().get(0);
        assertThat(cat.box()).isEqualTo(new BoxPx(0, 1, 4, 8));
        assertThat(cat.box().pixelRect(10, 8)).as("pixels 1..4 (1-based) are 0..3").isEqualTo(new PixelRect(0, 1, 4, 8));
        assertThat(cat.box().containsPixel(3, 1)).isTrue();
        assertThat(cat.box().containsPixel(4, 1)).isFalse();
        assertThat(images.get(0).tags()).extracting(Tag::annotationId).containsExactly(1L, 2L);
        assertThat(images.get(0).tags().get(1)).isEqualTo(new Tag(2, 2, new BoxPx(4, 0, 10, 3)));
        assertThat(images.get(1).tags()).containsExactly(new Tag(3, 1, new BoxPx(0, 0, 6, 6)));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("a.xml").contains("object 2 ('dog')")
                .contains("xmax >= xmin").contains("skipped"));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("b.xml").contains("malformed XML at line 4")
                .contains("file skipped"));
        assertThat(CocoImageSource.of(d).load(images.get(0)).widthPx()).isEqualTo(10);
    }

    @Test
    void yoloCentresAreNormalisedByANonSquareImagesSize(@TempDir Path dir) throws Exception {
        png(dir.resolve("images/train/wide.png"), 40, 20);
        png(dir.resolve("images/val/empty.png"), 8, 8);
        Files.createDirectories(dir.resolve("labels/train"));
        Files.writeString(dir.resolve("labels/train/wide.txt"),
                "1 0.5 0.5 0.5 0.5\n\n0 0.125 0.25 0.25 0.5\n7 0.5 0.5 0.1 0.1\n0 0.5 oops 0.1 0.1\n0 0.1 0.1 0.2 0.2 0.3 0.3\n");
        Files.writeString(dir.resolve("data.yaml"), "path: .\ntrain: images/train\nval: images/val\nnames:\n  0: person\n  1: bicycle\n");

        assertThat(InputFormat.detect(dir)).isEqualTo(InputFormat.YOLO);
        CocoDataset d = DatasetReaders.read(dir.resolve("data.yaml"), null, null);
        assertThat(d.categories()).extracting(CocoCategory::id).containsExactly(0L, 1L);
        assertThat(d.categories()).extracting(CocoCategory::name).containsExactly("person", "bicycle");
        ImageRecord wide = d.images().get(0);
        assertThat(wide.fileName()).isEqualTo("images/train/wide.png");
        assertThat(wide.widthPx()).isEqualTo(40);
        assertThat(wide.heightPx()).isEqualTo(20);
        assertThat(wide.tags()).containsExactly(new Tag(1, 1, new BoxPx(10, 5, 30, 15)), new Tag(2, 0, new BoxPx(0, 0, 10, 10)));
        assertThat(d.images().get(1).tags()).isEmpty();
        Path labels = dir.resolve("labels/train/wide.txt");
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains(labels + ":4").contains("class 7"));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains(labels + ":5").contains("'oops'"));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains(labels + ":6").contains("segmentation line"));

        Path flat = dir.resolve("flat");
        png(flat.resolve("x.png"), 30, 10);
        Files.writeString(flat.resolve("x.txt"), "0 0.5 0.5 1 1\n");
        Files.writeString(flat.resolve("classes.txt"), "thing\n");
        CocoDataset f = DatasetReaders.read(flat, null, InputFormat.YOLO);
        assertThat(f.images().get(0).tags()).containsExactly(new Tag(1, 0, new BoxPx(0, 0, 30, 10)));
        Files.writeString(flat.resolve("classes.txt"), "");
        assertThatThrownBy(() -> DatasetReaders.read(flat, null, InputFormat.YOLO)).hasMessageContaining("classes.txt")
                .hasMessageContaining("no class names");
    }

    @Test
    void labelmeRectanglesAreBoxesAndOtherShapesAreReportedAndSkipped(@TempDir Path dir) throws Exception {
        png(dir.resolve("img/p.png"), 40, 20);
        Files.createDirectories(dir.resolve("ann"));
        Files.writeString(dir.resolve("ann/p.json"), """
                {"version": "5.4.1", "flags": {}, "shapes": [
                  {"label": "horse", "points": [[30, 15], [10.5, 5]], "group_id": null, "shape_type": "rectangle", "flags": {}},
                  {"label": "horse", "points": [[1, 1], [5, 1], [5, 5]], "group_id": null, "shape_type": "polygon", "flags": {}},
                  {"label": "rider", "points": [[0, 0], [50, 8]], "group_id": 3, "shape_type": "rectangle", "flags": {}}
                ], "imagePath": "../img/p.png", "imageData": null, "imageHeight": 20, "imageWidth": 40}
                """);
        Files.writeString(dir.resolve("ann/q.json"), "{\"shapes\": [\n  {\"label\": 1,,}\n]}");
        assertThat(InputFormat.detect(dir.resolve("ann"))).isEqualTo(InputFormat.LABELME);
        assertThat(InputFormat.detect(dir.resolve("ann/p.json"))).isEqualTo(InputFormat.LABELME);
        CocoDataset d = DatasetReaders.read(dir.resolve("ann"), null, null);
        assertThat(d.images()).hasSize(1);
        ImageRecord p = d.images().get(0);
        assertThat(CocoImageSource.of(d).fileOf(p).normalize()).isEqualTo(dir.resolve("img/p.png"));
        assertThat(p.tags()).containsExactly(new Tag(1, 1, new BoxPx(10.5, 5, 30, 15)), new Tag(2, 2, new BoxPx(0, 0, 40, 8)));
        assertThat(d.categories()).extracting(CocoCategory::name).containsExactly("horse", "rider");
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("p.json").contains("shapes[1] ('horse', polygon)")
                .contains("only rectangle shapes"));
        assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("q.json").contains("line 2, column")
                .contains("file skipped"));
        CocoDataset byFolder = DatasetReaders.read(dir.resolve("ann/p.json"), dir.resolve("img"), InputFormat.LABELME);
        assertThat(byFolder.images().get(0).fileName()).isEqualTo("p.png");
    }

    @Test
    void classesLimitTheTagsToRefineAndUnknownClassesAreNamed(@TempDir Path dir) throws Exception {
        png(dir.resolve("JPEGImages/a.png"), 10, 8);
        Files.writeString(dir.resolve("a.xml"), voc("a.png", 10, 8,
                object("cat", "1", "1", "4", "4") + object("dog", "5", "5", "9", "8")));
        CocoDataset d = DatasetReaders.read(dir.resolve("a.xml"), dir.resolve("JPEGImages"), null);
        CocoDataset dogs = DatasetReaders.selectClasses(d, List.of("dog"));
        assertThat(dogs.images().get(0).tags()).extracting(Tag::annotationId).containsExactly(2L);
        assertThat(DatasetReaders.selectClasses(d, List.of("1")).images().get(0).tags()).extracting(Tag::annotationId)
                .containsExactly(1L);
        assertThat(dogs.annotationIds()).as("others pass through to the writers").containsExactly(1L, 2L);
        assertThatThrownBy(() -> DatasetReaders.selectClasses(d, List.of("bird"))).hasMessageContaining("'bird'")
                .hasMessageContaining("1 cat, 2 dog");
        assertThatThrownBy(() -> InputFormat.parse("csv")).hasMessageContaining("coco, voc, yolo or labelme, found 'csv'");
    }
}
