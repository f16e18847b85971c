package org.boxrefine.io.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.boxrefine.dataset.ImageLoadException;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Problem;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.io.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoDatasetTest {
    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsImagesTagsAndCategoriesInInputOrder() throws IOException {
        Path file = write("sub/boxes.json", """
                {"images": [
                   {"id": 7, "file_name": "images/b.jpg", "width": 40, "height": 30},
                   {"id": 3, "file_name": "images/a.jpg", "width": 20, "height": 10}],
                 "annotations": [
                   {"id": 11, "image_id": 3, "category_id": 2, "bbox": [1, 2, 3, 4]},
                   {"id": 12, "image_id": 7, "category_id": 1, "bbox": [0.5, 1.25, 10, 20.5]},
                   {"id": 10, "image_id": 3, "category_id": 1, "bbox": [5, 5, 2, 2]}],
                 "categories": [{"id": 1, "name": "person", "supercategory": "person"}, {"id": 2, "name": "dog"}]}
                """);

        CocoDataset d = CocoDataset.read(file);

        assertThat(d.warnings()).isEmpty();
        assertThat(d.imageFolder()).isEqualTo(dir.resolve("sub").toAbsolutePath());
        assertThat(d.images()).extracting(ImageRecord::imageId).containsExactly(7L, 3L);
        ImageRecord b = d.images().get(0);
        assertThat(b.fileName()).isEqualTo("images/b.jpg");
        assertThat(b.widthPx()).isEqualTo(40);
        assertThat(b.heightPx()).isEqualTo(30);
        assertThat(b.tags()).containsExactly(new Tag(12, 1, BoxPx.fromXywh(0.5, 1.25, 10, 20.5)));
        assertThat(d.images().get(1).tags()).containsExactly(
                new Tag(11, 2, BoxPx.fromXywh(1, 2, 3, 4)), new Tag(10, 1, BoxPx.fromXywh(5, 5, 2, 2)));
        assertThat(d.categories()).containsExactly(new CocoCategory(1, "person", "person"),
                new CocoCategory(2, "dog", ""));
        assertThat(d.tagCount()).isEqualTo(3);
        assertThat(d.imageOfAnnotation(12)).map(ImageRecord::imageId).contains(7L);
        assertThat(d.annotationIds()).containsExactlyInAnyOrder(10L, 11L, 12L);
    }

    @Test
    void imageFolderCanBeGiven() throws IOException {
        Path file = write("a.json", "{\"images\": [], \"annotations\": []}");

        assertThat(CocoDataset.read(file, dir.resolve("pics")).imageFolder()).isEqualTo(dir.resolve("pics"));
    }

    @Test
    void malformedJsonIsReportedWithFileLineAndColumn() throws IOException {
        Path file = write("bad.json", "{\n  \"images\": [\n    {\"id\": 1,, \"file_name\": \"x\"}\n  ]\n}\n");

        assertThatThrownBy(() -> CocoDataset.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3, column 14")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void unreadableFilesThrowNamingTheFile() throws IOException {
        Path missing = dir.resolve("none.json");
        Path array = write("array.json", "[1, 2]");
        Path noImages = write("noimages.json", "{\"annotations\": []}");
        Path empty = write("empty.json", "");

        assertThatThrownBy(() -> CocoDataset.read(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
        assertThatThrownBy(() -> CocoDataset.read(array)).isInstanceOf(IOException.class)
                .hasMessageContaining(array.toString()).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> CocoDataset.read(noImages)).isInstanceOf(IOException.class)
                .hasMessageContaining(noImages.toString()).hasMessageContaining("\"images\" array");
        assertThatThrownBy(() -> CocoDataset.read(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining(empty.toString());
    }

    @Test
    void badAnnotationsAreSkippedWithWarningsNamingFileIdAndReason() throws IOException {
        Path file = write("warn.json", """
                {"images": [{"id": 1, "file_name": "a.png", "width": 100, "height": 100}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, 5]},
                   {"id": 2, "image_id": 1, "category_id": 1},
                   {"id": 3, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5]},
                   {"id": 4, "image_id": 1, "category_id": 1, "bbox": [1, "1", 5, 5]},
                   {"id": 5, "image_id": 1, "category_id": 1, "bbox": [1, 1, 0, 5]},
                   {"id": 6, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, -2]},
                   {"id": 7, "image_id": 99, "category_id": 1, "bbox": [1, 1, 5, 5]},
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [2, 2, 5, 5]},
                   {"image_id": 1, "category_id": 1, "bbox": [2, 2, 5, 5]},
                   {"id": 8, "image_id": 1, "category_id": 1, "bbox": [1, 1, 1e999, 5]},
                   {"id": 9, "image_id": 1, "bbox": [1, 1, 5, 5]}]}
                """);

        CocoDataset d = CocoDataset.read(file);

        assertThat(d.images().get(0).tags()).extracting(Tag::annotationId).containsExactly(1L);
        assertThat(d.images().get(0).tags().get(0).box()).isEqualTo(BoxPx.fromXywh(1, 1, 5, 5));
        List<String> w = d.warnings();
        assertThat(w).hasSize(10).allSatisfy(line -> assertThat(line).startsWith(file.toString() + ": "));
        assertThat(w.get(0)).contains("annotation 2 (annotations[1])", "no bbox", "skipped");
        assertThat(w.get(1)).contains("annotation 3 ", "bbox must be 4 numbers", "[1,1,5]");
        assertThat(w.get(2)).contains("annotation 4 ", "4 finite numbers");
        assertThat(w.get(3)).contains("annotation 5 ", "width and height must be positive");
        assertThat(w.get(4)).contains("annotation 6 ", "width and height must be positive");
        assertThat(w.get(5)).contains("annotation 7 ", "unknown image_id 99");
        assertThat(w.get(6)).contains("annotation 1 (annotations[7])", "duplicate annotation id",
                "annotations[0]");
        assertThat(w.get(7)).contains("annotations[8]", "integer \"id\"");
        assertThat(w.get(8)).contains("annotation 8 ", "4 finite numbers");
        assertThat(w.get(9)).contains("annotation 9 ", "category_id");
    }

    @Test
    void boxesAreClippedToTheImageOrSkippedWhenWhollyOutside() throws IOException {
        Path file = write("clip.json", """
                {"images": [{"id": 1, "file_name": "a.png", "width": 10, "height": 8},
                            {"id": 2, "file_name": "b.png"}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [-2, 1, 5, 3]},
                   {"id": 2, "image_id": 1, "category_id": 1, "bbox": [10, 1, 3, 3]},
                   {"id": 3, "image_id": 1, "category_id": 1, "bbox": [5, 5, 5, 3]},
                   {"id": 4, "image_id": 2, "category_id": 1, "bbox": [-2, 1, 500, 3]}]}
                """);

        CocoDataset d = CocoDataset.read(file);

        assertThat(d.images().get(0).tags()).containsExactly(
                new Tag(1, 1, new BoxPx(0, 1, 3, 4)), new Tag(3, 1, BoxPx.fromXywh(5, 5, 5, 3)));
        assertThat(d.images().get(1).tags()).containsExactly(new Tag(4, 1, BoxPx.fromXywh(-2, 1, 500, 3)));
        assertThat(d.warnings()).hasSize(2);
        assertThat(d.warnings().get(0)).contains("annotation 1 ", "[-2, 1, 5, 3]", "extends beyond the 10x8 image",
                "clipped to [0, 1, 3, 3]");
        assertThat(d.warnings().get(1)).contains("annotation 2 ", "wholly outside", "skipped");
    }

    @Test
    void badImagesAreSkippedWithWarnings() throws IOException {
        Path file = write("imgs.json", """
                {"images": [{"id": 1, "file_name": ""}, {"file_name": "x.png"}, {"id": 2, "file_name": "b.png",
                             "width": -3, "height": 5}, {"id": 2, "file_name": "c.png"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, 5]}]}
                """);

        CocoDataset d = CocoDataset.read(file);

        assertThat(d.images()).extracting(ImageRecord::fileName).containsExactly("b.png");
        assertThat(d.images().get(0).widthPx()).isZero();
        assertThat(d.warnings()).hasSize(5);
        assertThat(d.warnings().get(0)).contains("image 1", "file_name");
        assertThat(d.warnings().get(1)).contains("images[1]", "integer \"id\"");
        assertThat(d.warnings().get(2)).contains("image 2", "\"width\"", "-3");
        assertThat(d.warnings().get(3)).contains("image 2 (images[3])", "duplicate image id");
        assertThat(d.warnings().get(4)).contains("annotation 1 ", "unknown image_id 1");
    }

    @Test
    void imageSourceResolvesFileNamesAgainstTheImageFolder() throws IOException {
        RgbImage img = RgbImage.blank(4, 3);
        img.set(2, 1, 200, 100, 50);
        ImageFiles.writePng(img, dir.resolve("pics/a.png"));
        Path file = write("coco.json", """
                {"images": [{"id": 1, "file_name": "pics/a.png", "width": 4, "height": 3},
                            {"id": 2, "file_name": "pics/a.png", "width": 5, "height": 3},
                            {"id": 3, "file_name": "pics/missing.png"}]}
                """);
        CocoDataset d = CocoDataset.read(file);
        CocoImageSource source = CocoImageSource.of(d);

        RgbImage loaded = source.load(d.images().get(0));

        assertThat(loaded.get(2, 1, 0)).isEqualTo(200);
        assertThat(loaded.get(2, 1, 2)).isEqualTo(50);
        assertThat(loaded.get(1, 1, 0)).isZero();
        assertThatThrownBy(() -> source.load(d.images().get(1))).isInstanceOf(IOException.class)
                .hasMessageContaining("declared 5x3").hasMessageContaining("found 4x3");
        assertThatThrownBy(() -> source.load(d.images().get(2))).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.png");
    }

    @Test
    void aSubsampledLoadChecksTheDeclaredSizeAndNamesBadFiles() throws IOException {
        RgbImage img = RgbImage.blank(5, 3);
        img.set(4, 2, 10, 20, 30);
        ImageFiles.writePng(img, dir.resolve("pics/a.png"));
        RgbImage tall = RgbImage.blank(4, 6);
        TestImages.exifJpeg(tall, 6, dir.resolve("pics/turned.jpg"));
        Files.writeString(dir.resolve("pics/text.png"), "not an image");
        ImageFiles.writePng(RgbImage.blank(40, 30), dir.resolve("pics/cut.png"));
        TestImages.truncate(dir.resolve("pics/cut.png"), 0.5);
        Path file = write("coco.json", """
                {"images": [{"id": 1, "file_name": "pics/a.png", "width": 5, "height": 3},
                            {"id": 2, "file_name": "pics/a.png", "width": 6, "height": 3},
                            {"id": 3, "file_name": "pics/turned.jpg", "width": 6, "height": 4},
                            {"id": 4, "file_name": "pics/turned.jpg", "width": 4, "height": 6},
                            {"id": 5, "file_name": "pics/missing.png"},
                            {"id": 6, "file_name": "pics/text.png"},
                            {"id": 7, "file_name": "pics/cut.png", "width": 40, "height": 30}]}
                """);
        CocoDataset d = CocoDataset.read(file);
        CocoImageSource source = CocoImageSource.of(d);

        RgbImage half = source.load(d.images().get(0), 2);
        assertThat(half.widthPx()).isEqualTo(3);
        assertThat(half.heightPx()).isEqualTo(2);
        assertThat(half.get(2, 1, 2)).isEqualTo(30);
        RgbImage turned = source.load(d.images().get(3), 2);
        assertThat(turned.widthPx()).isEqualTo(2);
        assertThat(turned.heightPx()).isEqualTo(3);

        assertThatThrownBy(() -> source.load(d.images().get(1), 2)).isInstanceOf(ImageLoadException.class)
                .hasMessage(dir.resolve("pics/a.png") + ": image 2 is declared 6x3 in the COCO file, found 5x3")
                .satisfies(e -> assertThat(((ImageLoadException) e).reason()).isEqualTo(Problem.Reason.IMAGE_SIZE));
        assertThatThrownBy(() -> source.load(d.images().get(2), 2)).isInstanceOf(ImageLoadException.class)
                .hasMessageContaining("declared 6x4").hasMessageContaining("found 4x6")
                .hasMessageContaining("EXIF orientation turns it");
        assertThatThrownBy(() -> source.load(d.images().get(4), 2)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("pics/missing.png") + ": image file not found");
        assertThatThrownBy(() -> source.load(d.images().get(5), 2)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.resolve("pics/text.png") + ": not a supported image format");
        assertThatThrownBy(() -> source.load(d.images().get(6), 2)).isInstanceOf(IOException.class)
                .isNotInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(dir.resolve("pics/cut.png") + ": cannot decode png image: ");
    }
}
