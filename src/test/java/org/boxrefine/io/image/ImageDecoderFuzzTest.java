package org.boxrefine.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.boxrefine.image.RgbImage;

/**
 * Fuzzes image decoding with byte-level mutations of small PNG, JPEG, CMYK JPEG and EXIF JPEG files: each either
 * decodes to an image of a sane size or throws an {@link IOException} naming the file, and never hangs.
 */
class ImageDecoderFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static Path dir;
    private static byte[][] originals;

    @BeforeContainer
    static void writeOriginals() throws IOException {
        dir = Files.createTempDirectory("image-fuzz");
        RgbImage img = RgbImage.blank(24, 16);
        Random rnd = new Random(1);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                img.set(x, y, rnd.nextInt(256), x * 10, y * 15);
            }
        }
        ImageFiles.writePng(img, dir.resolve("a.png"));
        ImageFiles.writeJpeg(img, dir.resolve("a.jpg"), 0.9f);
        TestImages.cmykJpeg(img, dir.resolve("c.jpg"));
        TestImages.exifJpeg(img, 6, dir.resolve("e.jpg"));
        TestImages.palette(img, dir.resolve("p.png"));
        originals = new byte[5][];
        String[] names = {"a.png", "a.jpg", "c.jpg", "e.jpg", "p.png"};
        for (int i = 0; i < names.length; i++) {
            originals[i] = Files.readAllBytes(dir.resolve(names[i]));
        }
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 200)
    void mutatedImagesDecodeOrThrowIoException(@ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] bytes = originals[rnd.nextInt(originals.length)].clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(bytes.length);
            switch (rnd.nextInt(3)) {
                case 0 -> bytes[at] = (byte) rnd.nextInt(256);
                case 1 -> bytes[at] ^= (byte) (1 << rnd.nextInt(8));
                default -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
            }
        }
        byte[] content = bytes;
        assertTimeoutPreemptively(LIMIT, () -> {
            Path file = dir.resolve("fuzz.img");
            Files.write(file, content);
            try {
                ImageFiles.Size size = ImageFiles.size(file);
                RgbImage img = ImageFiles.readRgb(file);
                assertThat(img.widthPx()).isEqualTo(size.widthPx());
                assertThat(img.heightPx()).isEqualTo(size.heightPx());
            } catch (IOException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            }
        });
    }
}
