package org.boxrefine.io.image;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.boxrefine.image.RgbImage;

/** Writes test images in the encodings real data sets hold: grey, 16-bit, palette, alpha, CMYK, EXIF-rotated. */
public final class TestImages {
    private TestImages() {
    }

    /** 8-bit grey PNG of the image's green channel. */
    public static void grey8(RgbImage img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.widthPx(), img.heightPx(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < img.heightPx(); y++) {
            for (int x = 0; x < img.widthPx(); x++) {
                b.getRaster().setSample(x, y, 0, img.get(x, y, 1));
            }
        }
        write(b, "png", file);
    }

    /** 16-bit grey PNG of the image's green channel (value times 257). */
    public static void grey16(RgbImage img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.widthPx(), img.heightPx(), BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < img.heightPx(); y++) {
            for (int x = 0; x < img.widthPx(); x++) {
                b.getRaster().setSample(x, y, 0, img.get(x, y, 1) * 257);
            }
        }
        write(b, "png", file);
    }

    /** 16-bit-per-channel RGB PNG (each value times 257). */
    public static void rgb16(RgbImage img, Path file) throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(img.widthPx(), img.heightPx());
        for (int y = 0; y < img.heightPx(); y++) {
            for (int x = 0; x < img.widthPx(); x++) {
                for (int c = 0; c < 3; c++) {
                    r.setSample(x, y, c, img.get(x, y, c) * 257);
                }
            }
        }
        write(new BufferedImage(cm, r, false, null), "png", file);
    }

    /** Palette PNG (Java's default 256-colour palette). */
    public static void palette(RgbImage img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.widthPx(), img.heightPx(), BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < img.heightPx(); y++) {
            for (int x = 0; x < img.widthPx(); x++) {
                b.setRGB(x, y, rgb(img, x, y));
            }
        }
        write(b, "png", file);
    }

    /** RGBA PNG with a varying alpha; the colour channels hold the image. */
    public static void alpha(RgbImage img, Path file) throws IOException {
        BufferedImage b = new BufferedImage(img.widthPx(), img.heightPx(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < img.heightPx(); y++) {
            for (int x = 0; x < img.widthPx(); x++) {
                int a = 40 + (x * 7 + y * 3) % 200;
                b.setRGB(x, y, (a << 24) | rgb(img, x, y));
            }
        }
        write(b, "png", file);
    }

    /** CMYK JPEG (Adobe marker, naive C = 255 - R, M = 255 - G, Y = 255 - B, K = 0), written by TwelveMonkeys. */
    public static void cmykJpeg(RgbImage img, Path file) throws IOException {
        ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        ComponentColorModel cm = new ComponentColorModel(cmyk, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(img.widthPx(), img.heightPx());
        for (int y = 0; y < img.heightPx(); y++) {
            for (int x = 0; x < img.widthPx(); x++) {
                for (int c = 0; c < 3; c++) {
                    r.setSample(x, y, c, 255 - img.get(x, y, c));
                }
                r.setSample(x, y, 3, 0);
            }
        }
        write(new BufferedImage(cm, r, false, null), "jpeg", file);
    }

    /**
     * A JPEG that shows {@code displayed} when its EXIF {@code orientation} (1..8) is applied: the pixels are
     * stored turned back, and an APP1 Exif segment holding only the Orientation tag is spliced in after APP0.
     */
    public static void exifJpeg(RgbImage displayed, int orientation, Path file) throws IOException {
        RgbImage stored = storedFor(displayed, orientation);
        BufferedImage b = new BufferedImage(stored.widthPx(), stored.heightPx(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < stored.heightPx(); y++) {
            for (int x = 0; x < stored.widthPx(); x++) {
                b.setRGB(x, y, rgb(stored, x, y));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(b, "jpeg", bytes)) {
            throw new IOException("no JPEG writer");
        }
        byte[] jpeg = bytes.toByteArray();
        int app0End = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, app0End);
        out.write(exifSegment(orientation));
        out.write(jpeg, app0End, jpeg.length - app0End);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.toByteArray());
    }

    /** APP1: "Exif\0\0", a big-endian TIFF header and one IFD entry, Orientation (0x0112, SHORT, 1). */
    static byte[] exifSegment(int orientation) {
        byte[] body = {'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
        int len = body.length + 2;
        byte[] seg = new byte[body.length + 4];
        seg[0] = (byte) 0xFF;
        seg[1] = (byte) 0xE1;
        seg[2] = (byte) (len >> 8);
        seg[3] = (byte) len;
        System.arraycopy(body, 0, seg, 4, body.length);
        return seg;
    }

    /**
     * The stored image that EXIF {@code orientation} turns into {@code displayed}, from the EXIF definitions:
     * displayed pixel (x, y) is stored pixel 1 (x, y), 2 (W-1-x, y), 3 (W-1-x, H-1-y), 4 (x, H-1-y), 5 (y, x),
     * 6 (y, H-1-x), 7 (W-1-y, H-1-x), 8 (W-1-y, x), with W x H the stored size.
     */
    public static RgbImage storedFor(RgbImage displayed, int orientation) {
        boolean swap = orientation >= 5;
        int ws = swap ? displayed.heightPx() : displayed.widthPx();
        int hs = swap ? displayed.widthPx() : displayed.heightPx();
        RgbImage stored = RgbImage.blank(ws, hs);
        for (int y = 0; y < displayed.heightPx(); y++) {
            for (int x = 0; x < displayed.widthPx(); x++) {
                int[] s = switch (orientation) {
                    case 1 -> new int[] {x, y};
                    case 2 -> new int[] {ws - 1 - x, y};
                    case 3 -> new int[] {ws - 1 - x, hs - 1 - y};
                    case 4 -> new int[] {x, hs - 1 - y};
                    case 5 -> new int[] {y, x};
                    case 6 -> new int[] {y, hs - 1 - x};
                    case 7 -> new int[] {ws - 1 - y, hs - 1 - x};
                    case 8 -> new int[] {ws - 1 - y, x};
                    default -> throw new IllegalArgumentException("orientation must be 1..8, found " + orientation);
                };
                stored.set(s[0], s[1], displayed.get(x, y, 0), displayed.get(x, y, 1), displayed.get(x, y, 2));
            }
        }
        return stored;
    }

    /** Cuts a file to the given share of its bytes. */
    public static void truncate(Path file, double keep) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, (int) (all.length * keep)));
    }

    private static int rgb(RgbImage img, int x, int y) {
        return (img.get(x, y, 0) << 16) | (img.get(x, y, 1) << 8) | img.get(x, y, 2);
    }

    private static void write(BufferedImage b, String format, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(file.toFile())) {
            w.setOutput(os);
            w.write(null, new IIOImage(b, null, null), null);
        } finally {
            w.dispose();
        }
    }
}
