package org.boxrefine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.Locale;
import org.boxrefine.image.RgbImage;

/**
 * Histograms of values in [0, 1] (scores, IoUs), one panel per series side by side, drawn with java.awt.
 */
public final class DistributionPlot {
    /** Bins per histogram, each 1/BINS wide; the last one includes 1. */
    public static final int BINS = 20;
    /** Size of one panel. */
    public static final int PANEL_WIDTH_PX = 380;
    public static final int PANEL_HEIGHT_PX = 240;
    static final int LEFT_PX = 44;
    static final int RIGHT_PX = 20;
    static final int TOP_PX = 28;
    static final int BOTTOM_PX = 34;
    static final Color[] COLOURS = {new Color(30, 110, 200), new Color(220, 110, 20)};

    private DistributionPlot() {
    }

    /**
     * One series of values in [0, 1].
     *
     * @param name   the panel's title, e.g. "score"
     * @param values the values (NaN values are left out)
     */
    public record Series(String name, double[] values) {
        public Series {
            if (name == null || values == null) {
                throw new IllegalArgumentException("series needs a name and values, found " + name + " and "
                        + (values == null ? "null" : values.length + " values"));
            }
            values = values.clone();
        }
    }

    /** Counts per bin of the values in [0, 1]; values outside are clamped to the end bins, NaN left out. */
    public static int[] histogram(double[] values) {
        int[] counts = new int[BINS];
        for (double v : values) {
            if (!Double.isNaN(v)) {
                counts[Math.max(0, Math.min(BINS - 1, (int) Math.floor(v * BINS)))]++;
            }
        }
        return counts;
    }

    /**
     * Draws one panel per series, each {@link #PANEL_WIDTH_PX} x {@link #PANEL_HEIGHT_PX}, with its title, the
     * count and mean, the x axis from 0 to 1 and the y axis up to the largest bin.
     *
     * @throws IllegalArgumentException when no series is given
     */
    public static RgbImage render(List<Series> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("plot needs at least one series, found none");
        }
        int w = PANEL_WIDTH_PX * series.size();
        // bytes in red, green, blue order, as RgbImage holds them
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, PANEL_HEIGHT_PX, 3 * w, 3,
                new int[] {0, 1, 2}, null);
        BufferedImage img = new BufferedImage(new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE), raster, false, null);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, PANEL_HEIGHT_PX);
            for (int k = 0; k < series.size(); k++) {
                panel(g, series.get(k), k * PANEL_WIDTH_PX, COLOURS[k % COLOURS.length]);
            }
        } finally {
            g.dispose();
        }
        return new RgbImage(w, PANEL_HEIGHT_PX, ((DataBufferByte) raster.getDataBuffer()).getData());
    }

    /** The x pixel of the left edge of bin {@code b} (0..BINS) in a panel starting at {@code x0}. */
    static int binEdgePx(int x0, int b) {
        int plotW = PANEL_WIDTH_PX - LEFT_PX - RIGHT_PX;
        return x0 + LEFT_PX + (int) Math.round((double) b * plotW / BINS);
    }

    private static void panel(Graphics2D g, Series s, int x0, Color colour) {
        int[] counts = histogram(s.values());
        int max = 1;
        int n = 0;
        double sum = 0;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        for (double v : s.values()) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        int yBase = PANEL_HEIGHT_PX - BOTTOM_PX;
        int plotH = yBase - TOP_PX;
        g.setColor(colour);
        for (int b = 0; b < BINS; b++) {
            int barH = (int) Math.round((double) counts[b] * plotH / max);
            int xa = binEdgePx(x0, b);
            int xb = binEdgePx(x0, b + 1);
            g.fillRect(xa + 1, yBase - barH, Math.max(1, xb - xa - 1), barH);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(binEdgePx(x0, 0), yBase, binEdgePx(x0, BINS), yBase);
        g.drawLine(binEdgePx(x0, 0), yBase, binEdgePx(x0, 0), TOP_PX);
        for (int t = 0; t <= 4; t++) {
            int x = binEdgePx(x0, t * BINS / 4);
            g.drawLine(x, yBase, x, yBase + 4);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t <= 4; t++) {
            String label = String.format(Locale.ROOT, "%.2f", t / 4.0);
            int x = binEdgePx(x0, t * BINS / 4) - g.getFontMetrics().stringWidth(label) / 2;
            g.drawString(label, x, yBase + 17);
        }
        String top = Integer.toString(max);
        g.drawString(top, x0 + LEFT_PX - 6 - g.getFontMetrics().stringWidth(top), TOP_PX + 10);
        g.drawString("0", x0 + LEFT_PX - 6 - g.getFontMetrics().stringWidth("0"), yBase);
        g.drawString("boxes", x0 + 4, TOP_PX + plotH / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(String.format(Locale.ROOT, "%s: %d boxes, mean %s", s.name(), n,
                n == 0 ? "-" : String.format(Locale.ROOT, "%.3f", sum / n)), x0 + LEFT_PX, 18);
    }
}
