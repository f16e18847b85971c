package org.boxrefine.io.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataFormatImpl;
import javax.imageio.stream.ImageOutputStream;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.RgbImage;
import org.boxrefine.io.AtomicFiles;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads and writes images and masks through ImageIO: the JDK's decoders plus TwelveMonkeys' JPEG reader (CMYK and
 * YCCK JPEGs, EXIF orientation).
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** The most pixels an image may have once decoded: its RGB bytes must fit one Java array. */
    public static final long MAX_PIXELS = (Integer.MAX_VALUE - 8) / 3;

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

    /**
     * An image's size as a viewer shows it (EXIF orientation applied), from its header, without decoding the
     * pixels.
     *
     * @throws IOException naming the file when it is missing, empty or not a readable image
     */
    public static Size size(Path file) throws IOException {
        return withReader(file, ImageFiles::displayed);
    }

    /**
     * Decodes a photo into 8-bit RGB as a viewer shows it: EXIF orientation applied; grey, palette, 16-bit and
     * CMYK/YCCK JPEG (TwelveMonkeys) converted to RGB; an alpha channel dropped (the colour as stored, as
     * OpenCV's {@code imread} does).
     *
     * @throws IOException naming the file when it is missing, empty, truncated, corrupt or not a supported format
     */
    public static RgbImage readRgb(Path file) throws IOException {
        return readRgb(file, 1);
    }

    /**
     * As {@link #readRgb(Path)}, keeping every {@code subsampling}-th pixel in each direction (the decoder skips
     * the others, so memory holds only the smaller image): the result is
     * {@code ceil(width / subsampling) x ceil(height / subsampling)} of the displayed size.
     */
    public static RgbImage readRgb(Path file, int subsampling) throws IOException {
        return readRgb(file, subsampling, displayed -> { });
    }

    /** The size the header declares, as displayed: width and height swapped when the orientation turns it. */
    private static Size displayed(ImageReader reader, Orientation orientation) throws IOException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        return orientation.swapsAxes() ? new Size(h, w) : new Size(w, h);
    }

    /** Looks at an image's size before its pixels are decoded. */
    @FunctionalInterface
    public interface SizeCheck {
        /**
         * @param displayed the size as displayed (EXIF orientation applied), from the file's header
         * @throws IOException to stop before decoding; it reaches the caller of
         *                     {@link #readRgb(Path, int, SizeCheck)} as thrown
         */
        void check(Size displayed) throws IOException;
    }

    /**
     * As {@link #readRgb(Path, int)}, opening the file once: {@code check} is given the displayed size from the
     * header first, and what it throws stops the read before any pixel is decoded.
     */
    public static RgbImage readRgb(Path file, int subsampling, SizeCheck check) throws IOException {
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, found " + subsampling);
        }
        return withReader(file, (reader, orientation) -> {
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            try {
                check.check(displayed(reader, orientation));
            } catch (IOException e) {
                throw new CheckFailed(e);
            }
            long pixels = (long) ceilDiv(w, subsampling) * ceilDiv(h, subsampling);
            if (pixels > MAX_PIXELS) {
                throw new IOException(w + "x" + h + " is too large to decode (at"
                        + " most " + MAX_PIXELS + " pixels" + (subsampling > 1 ? " after subsampling by " + subsampling : "")
                        + ")");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            List<String> truncated = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                    truncated.add(warning);
                }
            });
            BufferedImage img = reader.read(0, param);
            if (!truncated.isEmpty()) {
                throw new IOException("truncated image data (" + truncated.get(0).trim() + ")");
            }
            return toRgb(img, orientation);
        });
    }

    /** Reads a mask PNG: a pixel is set when its grey (or green) value is at least 128. */
    public static BinaryMask readMask(Path file) throws IOException {
        RgbImage img = readRgb(file);
        byte[] rgb = img.data();
        byte[] bits = new byte[img.widthPx() * img.heightPx()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) ((rgb[3 * i + 1] & 0xff) >= 128 ? 1 : 0);
        }
        return new BinaryMask(img.widthPx(), img.heightPx(), bits);
    }

    /** Writes a mask as an 8-bit grey PNG holding 0 and 255, atomically. */
    public static void writeMaskPng(BinaryMask mask, Path file) throws IOException {
        BufferedImage img = new BufferedImage(mask.widthPx(), mask.heightPx(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] bits = mask.data();
        for (int i = 0; i < bits.length; i++) {
            out[i] = (byte) (bits[i] != 0 ? 255 : 0);
        }
        AtomicFiles.write(file, os -> writePng(img, os));
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
        AtomicFiles.write(file, os -> writePng(img, os));
    }

    /** Reads the grey values of a single-band (8- or 16-bit) PNG, row-major. */
    public static int[] readGrey(Path file) throws IOException {
        BufferedImage img = withReader(file, (reader, orientation) -> reader.read(0));
        if (img.getRaster().getNumBands() != 1) {
            throw new IOException(file + ": expected a single-band grey image, found " + img.getRaster().getNumBands()
                    + " bands");
        }
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    /** Writes an RGB image as PNG, atomically. */
    public static void writePng(RgbImage image, Path file) throws IOException {
        BufferedImage img = toBufferedImage(image);
        AtomicFiles.write(file, os -> writePng(img, os));
    }

    /** Writes an RGB image as JPEG with the given quality (0..1), atomically. */
    public static void writeJpeg(RgbImage image, Path file, float quality) throws IOException {
        BufferedImage img = toBufferedImage(image);
        AtomicFiles.write(file, os -> writeJpeg(img, os, quality));
    }

    /** An RGB image encoded as JPEG with the given quality (0..1), in memory. */
    public static byte[] encodeJpeg(RgbImage image, float quality) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        writeJpeg(toBufferedImage(image), bytes, quality);
        return bytes.toByteArray();
    }

    /** An RGB image encoded as PNG, in memory. */
    public static byte[] encodePng(RgbImage image) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        writePng(toBufferedImage(image), bytes);
        return bytes.toByteArray();
    }

    private static void writePng(BufferedImage img, OutputStream os) throws IOException {
        if (!ImageIO.write(img, "png", os)) {
            throw new IOException("no PNG writer available");
        }
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

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @FunctionalInterface
    private interface ReaderJob<T> {
        T run(ImageReader reader, Orientation orientation) throws IOException;
    }

    /** Opens {@code file} with the first ImageIO reader that recognises it, reads its orientation, runs {@code job}. */
    private static <T> T withReader(Path file, ReaderJob<T> job) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": image file not found");
        }
        if (Files.size(file) == 0) {
            throw new IOException(file + ": image file is empty (0 bytes)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not a supported image format (readable: "
                        + String.join(", ", supportedFormats()) + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                return job.run(reader, Orientation.of(reader));
            } catch (CheckFailed e) {
                throw e.failure;
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": cannot decode " + reader.getFormatName() + " image: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Carries what a {@link SizeCheck} threw past {@link #withReader}'s wrapping of decoding errors. */
    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient IOException failure;

        CheckFailed(IOException failure) {
            super(failure);
            this.failure = failure;
        }
    }

    private static List<String> supportedFormats() {
        return Stream.of(ImageIO.getReaderFormatNames()).map(f -> f.toUpperCase(Locale.ROOT)).distinct().sorted()
                .toList();
    }

    /** Copies a decoded image into RGB bytes, placing each stored pixel where {@code orientation} shows it. */
    private static RgbImage toRgb(BufferedImage img, Orientation orientation) {
        int ws = img.getWidth();
        int hs = img.getHeight();
        int wd = orientation.swapsAxes() ? hs : ws;
        int hd = orientation.swapsAxes() ? ws : hs;
        byte[] rgb = new byte[3 * ws * hs];
        int[] row = new int[ws];
        ColorModel cm = img.getColorModel();
        boolean grey = cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int greyMax = grey ? (1 << cm.getComponentSize(0)) - 1 : 0;
        Raster raster = img.getRaster();
        for (int y = 0; y < hs; y++) {
            if (grey) {
                // ImageIO's grey colour space is linear, so getRGB would brighten the stored values; use them as they are.
                raster.getSamples(0, y, ws, 1, 0, row);
                for (int x = 0; x < ws; x++) {
                    int v = (int) ((row[x] * 255L + greyMax / 2) / greyMax);
                    row[x] = (v << 16) | (v << 8) | v;
                }
            } else {
                img.getRGB(0, y, ws, 1, row, 0, ws);
            }
            int base = orientation.base(y, ws, hs, wd);
            int step = orientation.step(wd);
            for (int x = 0; x < ws; x++) {
                int o = 3 * (base + x * step);
                int p = row[x];
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(wd, hd, rgb);
    }

    /**
     * EXIF orientation (1..8): how the stored pixels must be turned to show the image. Stored pixel
     * {@code (x, y)} of row {@code y} goes to displayed index {@code base(y) + x * step}.
     */
    enum Orientation {
        NORMAL, FLIP_H, ROTATE_180, FLIP_V, TRANSPOSE, ROTATE_90_CW, TRANSVERSE, ROTATE_270_CW;

        boolean swapsAxes() {
            return ordinal() >= TRANSPOSE.ordinal();
        }

        int base(int y, int ws, int hs, int wd) {
            return switch (this) {
                case NORMAL -> y * wd;
                case FLIP_H -> y * wd + ws - 1;
                case ROTATE_180 -> (hs - 1 - y) * wd + ws - 1;
                case FLIP_V -> (hs - 1 - y) * wd;
                case TRANSPOSE -> y;
                case ROTATE_90_CW -> hs - 1 - y;
                case TRANSVERSE -> (ws - 1) * wd + hs - 1 - y;
                case ROTATE_270_CW -> (ws - 1) * wd + y;
            };
        }

        int step(int wd) {
            return switch (this) {
                case NORMAL, FLIP_V -> 1;
                case FLIP_H, ROTATE_180 -> -1;
                case TRANSPOSE, ROTATE_90_CW -> wd;
                case TRANSVERSE, ROTATE_270_CW -> -wd;
            };
        }

        /**
         * The orientation the reader reports in ImageIO's standard metadata ({@code Dimension/ImageOrientation}),
         * which TwelveMonkeys' JPEG reader fills from the EXIF Orientation tag (its names map to EXIF 1..8 as
         * below); {@link #NORMAL} when the format has none or the metadata cannot be read.
         */
        static Orientation of(ImageReader reader) {
            IIOMetadata meta;
            try {
                meta = reader.getImageMetadata(0);
            } catch (IOException | RuntimeException e) {
                return NORMAL;
            }
            if (meta == null || !meta.isStandardMetadataFormatSupported()) {
                return NORMAL;
            }
            Node root = meta.getAsTree(IIOMetadataFormatImpl.standardMetadataFormatName);
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!"Dimension".equals(n.getNodeName())) {
                    continue;
                }
                for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if ("ImageOrientation".equals(c.getNodeName()) && c instanceof Element e) {
                        return switch (e.getAttribute("value")) {
                            case "FlipH" -> FLIP_H;
                            case "Rotate180" -> ROTATE_180;
                            case "FlipV" -> FLIP_V;
                            case "FlipVRotate90" -> TRANSPOSE;
                            case "Rotate270" -> ROTATE_90_CW;
                            case "FlipHRotate90" -> TRANSVERSE;
                            case "Rotate90" -> ROTATE_270_CW;
                            default -> NORMAL;
                        };
                    }
                }
            }
            return NORMAL;
        }
    }
}
