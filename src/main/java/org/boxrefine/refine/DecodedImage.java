package org.boxrefine.refine;

import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.image.Resize;
import org.boxrefine.image.RgbImage;

/**
 * An image as the refiner decodes it: every {@code subsampling}-th pixel of the original (1 keeps
 * them all), with its tags moved into the decoded image's pixels. Decoded pixel (i, j) is original
 * pixel ({@code s*i}, {@code s*j}), so the pixel centres map by {@code o = s * (d - 0.5) + 0.5};
 * boxes use the same map. {@link #toOriginal} enlarges masks back to the original pixels.
 *
 * @param image            the decoded pixels
 * @param subsampling      original pixels per decoded pixel in each direction
 * @param originalWidthPx  the original image's width
 * @param originalHeightPx the original image's height
 * @param originalTags     the tags in original pixels
 * @param tags             the same tags in decoded pixels, clipped to the decoded image
 */
public record DecodedImage(RgbImage image, int subsampling, int originalWidthPx, int originalHeightPx,
        List<Tag> originalTags, List<Tag> tags) {
    public DecodedImage {
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, found " + subsampling);
        }
        if (image.widthPx() != (originalWidthPx + subsampling - 1) / subsampling
                || image.heightPx() != (originalHeightPx + subsampling - 1) / subsampling) {
            throw new IllegalArgumentException("a " + originalWidthPx + "x" + originalHeightPx + " image subsampled by "
                    + subsampling + " must decode to " + (originalWidthPx + subsampling - 1) / subsampling + "x"
                    + (originalHeightPx + subsampling - 1) / subsampling + ", found " + image.widthPx() + "x"
                    + image.heightPx());
        }
        originalTags = List.copyOf(originalTags);
        tags = List.copyOf(tags);
        if (tags.size() != originalTags.size()) {
            throw new IllegalArgumentException("every tag needs its decoded box, found " + originalTags.size()
                    + " tags and " + tags.size() + " decoded boxes");
        }
    }

    /** The decoded image of {@code original} at subsampling 1 (the image itself). */
    public static DecodedImage whole(RgbImage original, List<Tag> tags) {
        return new DecodedImage(original, 1, original.widthPx(), original.heightPx(), tags, tags);
    }

    /** {@code image}, decoded from a {@code originalWidthPx x originalHeightPx} original subsampled by {@code s}. */
    public static DecodedImage of(RgbImage image, int s, int originalWidthPx, int originalHeightPx, List<Tag> tags) {
        List<Tag> decoded = new ArrayList<>(tags.size());
        for (Tag t : tags) {
            decoded.add(new Tag(t.annotationId(), t.categoryId(), toDecoded(t.box(), s, image.widthPx(),
                    image.heightPx())));
        }
        return new DecodedImage(image, s, originalWidthPx, originalHeightPx, tags, decoded);
    }

    static BoxPx toDecoded(BoxPx b, int s, int widthPx, int heightPx) {
        if (s == 1) {
            return b;
        }
        return new BoxPx(toDecoded(b.x0Px(), s), toDecoded(b.y0Px(), s), toDecoded(b.x1Px(), s),
                toDecoded(b.y1Px(), s)).clip(widthPx, heightPx);
    }

    /** An original coordinate in decoded pixels (increasing, so a box's corners stay in order). */
    private static double toDecoded(double originalPx, int s) {
        return (originalPx - 0.5) / s + 0.5;
    }

    /**
     * Results in decoded pixels enlarged to the original pixels: each mask is resampled bilinearly over its
     * original tag's pixel rectangle and cut at one half, inside the original tag. Scores are kept. At
     * subsampling 1 the results are returned as they are.
     */
    public List<TagResult> toOriginal(List<TagResult> results) {
        if (subsampling == 1) {
            return results;
        }
        List<TagResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            TagResult r = results.get(i);
            BoxPx box = originalTags.get(i).box();
            out.add(new TagResult(r.annotationId(), enlarge(r.mask(), box), r.score()));
        }
        return out;
    }

    private CroppedMask enlarge(CroppedMask small, BoxPx box) {
        PixelRect out = box.pixelRect(originalWidthPx, originalHeightPx);
        int w = out.widthPx();
        int h = out.heightPx();
        byte[] bits = new byte[w * h];
        PixelRect src = small.rectPx();
        if (!out.isEmpty() && !src.isEmpty() && small.count() > 0) {
            byte[] m = small.mask().data();
            float[] values = new float[m.length];
            for (int k = 0; k < m.length; k++) {
                values[k] = m[k];
            }
            double s = subsampling;
            float[] up = Resize.resampleMap(values, src.widthPx(), src.heightPx(), src.x0Px() - 0.5 + 0.5 / s,
                    src.y0Px() - 0.5 + 0.5 / s, 1 / s, 1 / s, out.x0Px(), out.y0Px(), w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = y * w + x;
                    bits[k] = (byte) (up[k] > 0.5f && box.containsPixel(out.x0Px() + x, out.y0Px() + y) ? 1 : 0);
                }
            }
        }
        return new CroppedMask(out, new BinaryMask(w, h, bits));
    }
}
