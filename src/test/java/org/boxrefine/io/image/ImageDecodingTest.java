package org.boxrefine.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecodingTest {
    @TempDir
    Path dir;

    /** 40x30: left half (100, 150, 200), right half (30, 60, 90). */
    private static RgbImage halves() {
        RgbImage img = RgbImage.blank(40, 30);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                if (x < 20) {
                    img.set(x, y, 100, 150, 200);
                } else {
                    img.set(x, y, 30, 60, 90);
                }
            }
        }
        return img;
    }

    private static void assertPixel(RgbImage img, int x, int y, int r, int g, int b, int tolerance) {
        assertThat(img.get(x, y, 0)).as("red at %d,%d", x, y).isCloseTo(r, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(img.get(x, y, 1)).as("green at %d,%d", x, y).isCloseTo(g, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(img.get(x, y, 2)).as("blue at %d,%d", x, y).isCloseTo(b, org.assertj.core.data.Offset.offset(tolerance));
    }

    @Test
    void greyImagesKeepTheirStoredValues() throws IOException {
        TestImages.grey8(halves(), dir.resolve("g8.png"));
        TestImages.grey16(halves(), dir.resolve("g16.png"));
        for (String f : new String[] {"g8.png", "g16.png"}) {
            RgbImage img = ImageFiles.readRgb(dir.resolve(f));
            assertPixel(img, 5, 5, 150, 150, 150, 0);
            assertPixel(img, 35, 5, 60, 60, 60, 0);
        }
    }

    @Test
    void sixteenBitPaletteAndAlphaImagesGiveTheirColours() throws IOException {
        TestImages.rgb16(halves(), dir.resolve("rgb16.png"));
        TestImages.alpha(halves(), dir.resolve("alpha.png"));
        TestImages.palette(halves(), dir.resolve("palette.png"));
        for (String f : new String[] {"rgb16.png", "alpha.png"}) {
            RgbImage img = ImageFiles.readRgb(dir.resolve(f));
            assertPixel(img, 5, 5, 100, 150, 200, 0);
            assertPixel(img, 35, 29, 30, 60, 90, 0);
        }
        RgbImage pal = ImageFiles.readRgb(dir.resolve("palette.png"));
        assertPixel(pal, 5, 5, 100, 150, 200, 26);
        assertPixel(pal, 35, 29, 30, 60, 90, 26);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        TestImages.cmykJpeg(halves(), dir.resolve("cmyk.jpg"));
        RgbImage img = ImageFiles.readRgb(dir.resolve("cmyk.jpg"));
        assertThat(img.widthPx()).isEqualTo(40);
        assertThat(img.heightPx()).isEqualTo(30);
        // naive CMYK through a press profile is not exact; the two halves must keep their hue and order
        assertThat(img.get(5, 5, 2)).isGreaterThan(img.get(5, 5, 0) + 40);
        assertThat(img.get(5, 5, 1)).isGreaterThan(img.get(35, 5, 1) + 40);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsAppliedToPixelsAndSize(int orientation) throws IOException {
        RgbImage shown = RgbImage.blank(40, 24);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 40; x++) {
                int r = x < 20 ? 220 : 20;
                int b = y < 12 ? 220 : 20;
                shown.set(x, y, r, 120, b);
            }
        }
        Path file = dir.resolve("o" + orientation + ".jpg");
        TestImages.exifJpeg(shown, orientation, file);

        assertThat(ImageFiles.size(file)).isEqualTo(new ImageFiles.Size(40, 24));
        RgbImage img = ImageFiles.readRgb(file);
        assertThat(img.widthPx()).isEqualTo(40);
        assertThat(img.heightPx()).isEqualTo(24);
        assertPixel(img, 5, 5, 220, 120, 220, 30);
        assertPixel(img, 34, 5, 20, 120, 220, 30);
        assertPixel(img, 5, 18, 220, 120, 20, 30);
        assertPixel(img, 34, 18, 20, 120, 20, 30);
    }

    @Test
    void subsamplingKeepsEveryNthPixel() throws IOException {
        ImageFiles.writePng(halves(), dir.resolve("h.png"));
        RgbImage img = ImageFiles.readRgb(dir.resolve("h.png"), 3);
        assertThat(img.widthPx()).isEqualTo(14);
        assertThat(img.heightPx()).isEqualTo(10);
        assertPixel(img, 6, 0, 100, 150, 200, 0);
        assertPixel(img, 7, 9, 30, 60, 90, 0);
    }

    @Test
    void brokenFilesThrowNamingTheFileAndTheReason() throws IOException {
        ImageFiles.writePng(halves(), dir.resolve("cut.png"));
        TestImages.truncate(dir.resolve("cut.png"), 0.5);
        RgbImage noisy = RgbImage.blank(300, 200);
        java.util.Random rnd = new java.util.Random(3);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                noisy.set(x, y, rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
            }
        }
        TestImages.exifJpeg(noisy, 1, dir.resolve("cut.jpg"));
        TestImages.truncate(dir.resolve("cut.jpg"), 0.6);
        Files.write(dir.resolve("empty.png"), new byte[0]);
        Files.write(dir.resolve("junk.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5});
        Files.write(dir.resolve("photo.webp"), new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'});

        assertThatThrownBy(() -> ImageFiles.readRgb(dir.resolve("none.png"))).isInstanceOf(IOException.class)
                .hasMessageContaining("none.png").hasMessageContaining("not found");
        assertThatThrownBy(() -> ImageFiles.readRgb(dir.resolve("empty.png"))).hasMessageContaining("empty.png")
                .hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> ImageFiles.readRgb(dir.resolve("cut.png"))).isInstanceOf(IOException.class)
                .hasMessageContaining("cut.png").hasMessageContaining("cannot decode");
        assertThatThrownBy(() -> ImageFiles.readRgb(dir.resolve("cut.jpg"))).isInstanceOf(IOException.class)
                .hasMessageContaining("cut.jpg").hasMessageContaining("truncated");
        assertThatThrownBy(() -> ImageFiles.readRgb(dir.resolve("junk.png"))).isInstanceOf(IOException.class)
                .hasMessageContaining("junk.png");
        assertThatThrownBy(() -> ImageFiles.readRgb(dir.resolve("photo.webp"))).isInstanceOf(IOException.class)
                .hasMessageContaining("photo.webp").hasMessageContaining("not a supported image format")
                .hasMessageContaining("PNG").hasMessageContaining("JPEG");
    }

    @Test
    void aHeaderClaimingAHugeImageIsRefusedBeforeDecoding() throws IOException {
        Path file = dir.resolve("huge.png");
        Files.write(file, pngHeader(100_000, 100_000));
        assertThat(ImageFiles.size(file)).isEqualTo(new ImageFiles.Size(100_000, 100_000));
        assertThatThrownBy(() -> ImageFiles.readRgb(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("huge.png").hasMessageContaining("too large to decode");
    }

    /** A PNG signature and IHDR chunk (8-bit RGB) with no image data. */
    private static byte[] pngHeader(int w, int h) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13);
        int start = b.position();
        b.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), start, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
