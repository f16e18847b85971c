package org.boxrefine.image;

import boofcv.abst.distort.FDistort;
import boofcv.alg.filter.misc.AverageDownSampleOps;
import boofcv.alg.interpolate.InterpolationType;
import boofcv.core.image.ConvertImage;
import boofcv.struct.border.BorderType;
import boofcv.struct.distort.PixelTransform;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayU8;
import boofcv.struct.image.InterleavedU8;
import boofcv.struct.image.Planar;
import georegression.struct.point.Point2D_F32;

/**
 * Resizing through BoofCV: area averaging to shrink photos, bilinear interpolation to enlarge
 * them and to resample probability maps with pixel centres aligned
 * ({@code (x + 0.5) / scale - 0.5}).
 */
public final class Resize {
    static {
        boofcv.concurrency.BoofConcurrency.USE_CONCURRENT = false;
    }

    private Resize() {
    }

    /**
     * The image resized to {@code widthPx x heightPx}: area average when shrinking, bilinear with pixel centres
     * aligned otherwise.
     */
    public static RgbImage rgb(RgbImage src, int widthPx, int heightPx) {
        if (widthPx == src.widthPx() && heightPx == src.heightPx()) {
            return src.copy();
        }
        InterleavedU8 in = new InterleavedU8(src.widthPx(), src.heightPx(), 3);
        System.arraycopy(src.data(), 0, in.data, 0, src.data().length);
        Planar<GrayU8> planar = ConvertImage.convert(in, (Planar<GrayU8>) null);
        Planar<GrayU8> out = new Planar<>(GrayU8.class, widthPx, heightPx, 3);
        if (widthPx <= src.widthPx() && heightPx <= src.heightPx()) {
            AverageDownSampleOps.down(planar, out);
        } else {
            new FDistort(planar, out).interp(InterpolationType.BILINEAR).border(BorderType.EXTENDED)
                    .transform(centreAligned((double) src.widthPx() / widthPx, (double) src.heightPx() / heightPx, 0, 0,
                            0, 0))
                    .apply();
        }
        InterleavedU8 back = ConvertImage.convert(out, (InterleavedU8) null);
        byte[] rgb = new byte[3 * widthPx * heightPx];
        for (int y = 0; y < heightPx; y++) {
            System.arraycopy(back.data, back.startIndex + y * back.stride, rgb, 3 * y * widthPx, 3 * widthPx);
        }
        return new RgbImage(widthPx, heightPx, rgb);
    }

    /**
     * Output pixel (x, y) reads the source at ((outX0Px + x + 0.5) * srcPerOutX - 0.5 - srcX0Px, likewise for y):
     * pixel centres aligned. (BoofCV's {@code FDistort.scale()} aligns pixel corners instead, which shifts an
     * enlarged image by up to half a source pixel towards the origin.)
     */
    private static PixelTransform<Point2D_F32> centreAligned(double srcPerOutX, double srcPerOutY, int outX0Px,
            int outY0Px, double srcX0Px, double srcY0Px) {
        return new PixelTransform<>() {
            @Override
            public void compute(int x, int y, Point2D_F32 p) {
                p.x = (float) ((outX0Px + x + 0.5) * srcPerOutX - 0.5 - srcX0Px);
                p.y = (float) ((outY0Px + y + 0.5) * srcPerOutY - 0.5 - srcY0Px);
            }

            @Override
            public PixelTransform<Point2D_F32> copyConcurrent() {
                return this;
            }
        };
    }

    /**
     * Resamples a map bilinearly onto a grid of another scale, pixel centres aligned. Output pixel
     * (i, j) of the {@code outWidthPx x outHeightPx} result sits at output coordinates
     * ({@code outX0Px + i}, {@code outY0Px + j}); it reads the source at
     * {@code (x + 0.5) * srcPerOut - 0.5 - srcX0Px}, where the source map's pixel (0, 0) has source
     * coordinates ({@code srcX0Px}, {@code srcY0Px}). Outside the source the border value repeats.
     */
    public static float[] resampleMap(float[] src, int srcWidthPx, int srcHeightPx, double srcX0Px, double srcY0Px,
            double srcPerOutX, double srcPerOutY, int outX0Px, int outY0Px, int outWidthPx, int outHeightPx) {
        GrayF32 in = new GrayF32(srcWidthPx, srcHeightPx);
        System.arraycopy(src, 0, in.data, 0, src.length);
        GrayF32 out = new GrayF32(outWidthPx, outHeightPx);
        new FDistort(in, out).interp(InterpolationType.BILINEAR).border(BorderType.EXTENDED)
                .transform(centreAligned(srcPerOutX, srcPerOutY, outX0Px, outY0Px, srcX0Px, srcY0Px)).apply();
        return out.data.length == outWidthPx * outHeightPx ? out.data : java.util.Arrays.copyOf(out.data, outWidthPx * outHeightPx);
    }
}
