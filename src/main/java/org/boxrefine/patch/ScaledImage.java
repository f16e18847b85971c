package org.boxrefine.patch;

import java.util.ArrayList;
import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.image.BinaryMask;
import org.boxrefine.image.CroppedMask;
import org.boxrefine.image.RgbImage;

/**
 * An image at working scale with its tags in the same scale, and optionally a mask per tag from
 * an earlier round (re-labelling).
 *
 * @param image     pixels at working scale
 * @param scaleX    working-scale pixels per original pixel, horizontally
 * @param scaleY    the same, vertically
 * @param tags      the tags at working scale, in input order
 * @param tagMasks  empty (labels come from the tags alone) or one mask per tag at working scale;
 *                  an empty mask falls back to its tag
 */
public record ScaledImage(RgbImage image, double scaleX, double scaleY, List<BoxPx> tags, List<CroppedMask> tagMasks) {
    public ScaledImage {
        tags = List.copyOf(tags);
        tagMasks = List.copyOf(tagMasks);
        if (!tagMasks.isEmpty() && tagMasks.size() != tags.size()) {
            throw new IllegalArgumentException("expected one mask per tag (" + tags.size() + "), found "
                    + tagMasks.size());
        }
    }

    /** An image labelled by its tags alone. */
    public ScaledImage(RgbImage image, double scaleX, double scaleY, List<BoxPx> tags) {
        this(image, scaleX, scaleY, tags, List.of());
    }

    /** The same image labelled by these masks (one per tag, at working scale). */
    public ScaledImage withMasks(List<CroppedMask> masks) {
        return new ScaledImage(image, scaleX, scaleY, tags, masks);
    }

    /**
     * The same image labelled for box-free training: each tag's mask is the tag less the band of
     * pixels whose centres lie within {@code fraction} of the image's shorter side from an edge, so
     * that patches centred in that band are background and the rest of a whole-image tag is
     * foreground.
     */
    public ScaledImage withBorderBackground(double fraction) {
        if (!(fraction > 0 && fraction < 0.5)) {
            throw new IllegalArgumentException("border fraction must be in (0, 0.5), found " + fraction);
        }
        int w = image.widthPx();
        int h = image.heightPx();
        double band = fraction * Math.min(w, h);
        BoxPx inner = new BoxPx(band, band, w - band, h - band);
        List<CroppedMask> masks = new ArrayList<>(tags.size());
        for (BoxPx t : tags) {
            PixelRect r = t.pixelRect(w, h);
            BinaryMask m = new BinaryMask(r.widthPx(), r.heightPx());
            for (int y = r.y0Px(); y < r.y1Px(); y++) {
                for (int x = r.x0Px(); x < r.x1Px(); x++) {
                    m.set(x - r.x0Px(), y - r.y0Px(), inner.containsPixel(x, y));
                }
            }
            masks.add(new CroppedMask(r, m));
        }
        return withMasks(masks);
    }

    /** Whether the pixel's centre lies inside any tag. */
    public boolean insideAnyTag(int xPx, int yPx) {
        for (BoxPx t : tags) {
            if (t.containsPixel(xPx, yPx)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The patch label: without masks, whether the centre lies inside any tag; with masks, whether
     * it lies inside a tag and that tag's mask (or inside a tag whose mask is empty).
     */
    public boolean foreground(int xPx, int yPx) {
        if (tagMasks.isEmpty()) {
            return insideAnyTag(xPx, yPx);
        }
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).containsPixel(xPx, yPx)) {
                CroppedMask m = tagMasks.get(i);
                if (m.count() == 0 || m.get(xPx, yPx)) {
                    return true;
                }
            }
        }
        return false;
    }
}
