package org.boxrefine.io.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.AtomicFiles;

/** Reads and writes images and masks through the JDK's ImageIO decoders. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Width and height of an image file. */
    public record Size(int widthPx, int heightPx) {
    }

    /** The PNG and JPEG files directly in {@code folder}, by name. */
    public static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": image folder not found");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        }
    }

    /** An image's size from its header, without decoding the pixels. */
    public static Size size(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not a supported image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": cannot read image size: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Decodes a photo into 8-bit RGB. */
    public static RgbImage readRgb(Path file) throws IOException {
        BufferedImage img = decode(file);
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            int o = 3 * y * w;
            for (int x = 0; x < w; x++) {
                int p = row[x];
                rgb[o++] = (byte) (p >> 16);
                rgb[o++] = (byte) (p >> 8);
                rgb[o++] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** Reads a mask PNG: a pixel is set when its grey (or red) value is at least 128. */
    public static BinaryMask readMask(Path file) throws IOException {
        BufferedImage img = decode(file);
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] bits = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                bits[y * w + x] = (byte) (((row[x] >> 8) & 0xff) >= 128 ? 1 : 0);
            }
        }
        return new BinaryMask(w, h, bits);
    }

    /** Writes a mask as an 8-bit grey PNG holding 0 and 255, atomically. */
    public static void writeMaskPng(BinaryMask mask, Path file) throws IOException {
        BufferedImage img = new BufferedImage(mask.widthPx(), mask.heightPx(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] bits = mask.data();
        for (int i = 0; i < bits.length; i++) {
            out[i] = (byte) (bits[i] != 0 ? 255 : 0);
        }
        AtomicFiles.write(file, os -> {
            if (!ImageIO.write(img, "png", os)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * Writes an instance-id PNG atomically: grey value = instance value (0 = none); 8-bit when every value is at
     * most 255, else 16-bit.
     *
     * @throws IOException when a value lies outside 0..65535
     */
    public static void writeInstancePng(int[] values, int widthPx, int heightPx, Path file) throws IOException {
        int max = 0;
        for (int v : values) {
            if (v < 0 || v > 65535) {
                throw new IOException(file + ": instance values must lie in 0..65535, found " + v);
            }
            max = Math.max(max, v);
        }
        BufferedImage img = new BufferedImage(widthPx, heightPx,
                max <= 255 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setPixels(0, 0, widthPx, heightPx, values);
        AtomicFiles.write(file, os -> {
            if (!ImageIO.write(img, "png", os)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Reads the grey values of a single-band (8- or 16-bit) PNG, row-major. */
    public static int[] readGrey(Path file) throws IOException {
        BufferedImage img = decode(file);
        if (img.getRaster().getNumBands() != 1) {
            throw new IOException(file + ": expected a single-band grey image, found " + img.getRaster().getNumBands()
                    + " bands");
        }
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    /** Writes an RGB image as PNG, atomically. */
    public static void writePng(RgbImage image, Path file) throws IOException {
        BufferedImage img = toBufferedImage(image);
        AtomicFiles.write(file, os -> {
            if (!ImageIO.write(img, "png", os)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Writes an RGB image as JPEG with the given quality (0..1), atomically. */
    public static void writeJpeg(RgbImage image, Path file, float quality) throws IOException {
        BufferedImage img = toBufferedImage(image);
        AtomicFiles.write(file, os -> writeJpeg(img, os, quality));
    }

    private static void writeJpeg(BufferedImage img, OutputStream os, float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer available");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage toBufferedImage(RgbImage image) {
        int w = image.widthPx();
        int h = image.heightPx();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] out = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] in = image.data();
        for (int i = 0; i < in.length; i += 3) {
            out[i] = in[i + 2];
            out[i + 1] = in[i + 1];
            out[i + 2] = in[i];
        }
        return img;
    }

    private static BufferedImage decode(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": image file not found");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": image file is empty (0 bytes)");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IOException(file + ": not a supported image format");
        }
        return img;
    }
}
