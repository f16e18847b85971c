package org.boxrefine.image;

/** sRGB to CIE L*a*b* (D65), the colour space in which colour distances match perceived differences. */
public final class LabColour {
    private static final double[] LINEAR = new double[256];

    static {
        for (int v = 0; v < 256; v++) {
            double c = v / 255.0;
            LINEAR[v] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    private LabColour() {
    }

    /**
     * Converts mean linear-light components to L*a*b*.
     *
     * @param out receives L* (0..100), a*, b* at {@code offset}
     */
    public static void fromLinear(double r, double g, double b, float[] out, int offset) {
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        out[offset] = (float) (116 * fy - 16);
        out[offset + 1] = (float) (500 * (fx - fy));
        out[offset + 2] = (float) (200 * (fy - fz));
    }

    /** The linear-light value of an 8-bit sRGB component. */
    public static double linear(int srgb) {
        return LINEAR[srgb & 0xff];
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
