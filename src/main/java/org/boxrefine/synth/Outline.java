package org.boxrefine.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A shape as an ordered list of filled polygons and ellipses, each either added to or cut from
 * what came before. Coordinates in pixels; a pixel belongs to a part when its centre does.
 */
final class Outline {

    /** One part of an outline. */
    sealed interface Part permits Polygon, Ellipse {
        boolean cut();

        Part transformed(double cos, double sin, double dx, double dy);
    }

    /** A simple or self-touching polygon, filled by the even-odd rule. */
    record Polygon(double[] xs, double[] ys, boolean cut) implements Part {
        Polygon {
            if (xs.length != ys.length || xs.length < 3) {
                throw new IllegalArgumentException("polygon needs at least 3 vertices with x and y each, found "
                        + xs.length + " x and " + ys.length + " y");
            }
        }

        @Override
        public Part transformed(double cos, double sin, double dx, double dy) {
            double[] nx = new double[xs.length];
            double[] ny = new double[ys.length];
            for (int i = 0; i < xs.length; i++) {
                nx[i] = cos * xs[i] - sin * ys[i] + dx;
                ny[i] = sin * xs[i] + cos * ys[i] + dy;
            }
            return new Polygon(nx, ny, cut);
        }
    }

    /** An ellipse with semi-axes {@code a} (along {@code angle}) and {@code b}. */
    record Ellipse(double cx, double cy, double a, double b, double angle, boolean cut) implements Part {
        @Override
        public Part transformed(double cos, double sin, double dx, double dy) {
            return new Ellipse(cos * cx - sin * cy + dx, sin * cx + cos * cy + dy, a, b,
                    angle + Math.atan2(sin, cos), cut);
        }
    }

    private final List<Part> parts;

    Outline(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    List<Part> parts() {
        return parts;
    }

    /** This outline rotated by {@code angle} (radians, about the origin), then shifted. */
    Outline transformed(double angle, double dx, double dy) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        List<Part> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(p.transformed(cos, sin, dx, dy));
        }
        return new Outline(out);
    }

    /** {@code {minX, minY, maxX, maxY}} of the added parts. */
    double[] bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Part p : parts) {
            if (p.cut()) {
                continue;
            }
            if (p instanceof Polygon poly) {
                for (int i = 0; i < poly.xs().length; i++) {
                    minX = Math.min(minX, poly.xs()[i]);
                    maxX = Math.max(maxX, poly.xs()[i]);
                    minY = Math.min(minY, poly.ys()[i]);
                    maxY = Math.max(maxY, poly.ys()[i]);
                }
            } else if (p instanceof Ellipse e) {
                double c = Math.cos(e.angle());
                double s = Math.sin(e.angle());
                double ex = Math.sqrt(e.a() * e.a() * c * c + e.b() * e.b() * s * s);
                double ey = Math.sqrt(e.a() * e.a() * s * s + e.b() * e.b() * c * c);
                minX = Math.min(minX, e.cx() - ex);
                maxX = Math.max(maxX, e.cx() + ex);
                minY = Math.min(minY, e.cy() - ey);
                maxY = Math.max(maxY, e.cy() + ey);
            }
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    /** Clears {@code mask} (row-major, {@code width x height}) and draws this outline into it as 0/1. */
    void rasterize(byte[] mask, int width, int height) {
        Arrays.fill(mask, (byte) 0);
        for (Part p : parts) {
            byte value = (byte) (p.cut() ? 0 : 1);
            if (p instanceof Polygon poly) {
                fillPolygon(mask, width, height, poly.xs(), poly.ys(), value);
            } else if (p instanceof Ellipse e) {
                fillEllipse(mask, width, height, e, value);
            }
        }
    }

    /** Sets to {@code value} every pixel whose centre lies inside the polygon (even-odd rule). */
    static void fillPolygon(byte[] mask, int width, int height, double[] xs, double[] ys, byte value) {
        int n = xs.length;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double y : ys) {
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int row0 = Math.max(0, (int) Math.ceil(minY - 0.5));
        int row1 = Math.min(height, (int) Math.ceil(maxY - 0.5));
        double[] crossings = new double[n];
        for (int row = row0; row < row1; row++) {
            double yc = row + 0.5;
            int k = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double yi = ys[i];
                double yj = ys[j];
                if ((yi <= yc && yc < yj) || (yj <= yc && yc < yi)) {
                    crossings[k++] = xs[i] + (yc - yi) * (xs[j] - xs[i]) / (yj - yi);
                }
            }
            Arrays.sort(crossings, 0, k);
            int base = row * width;
            for (int c = 0; c + 1 < k; c += 2) {
                int col0 = Math.max(0, (int) Math.ceil(crossings[c] - 0.5));
                int col1 = Math.min(width, (int) Math.ceil(crossings[c + 1] - 0.5));
                for (int col = col0; col < col1; col++) {
                    mask[base + col] = value;
                }
            }
        }
    }

    /** Sets to {@code value} every pixel whose centre lies inside the ellipse. */
    static void fillEllipse(byte[] mask, int width, int height, Ellipse e, byte value) {
        double c = Math.cos(e.angle());
        double s = Math.sin(e.angle());
        double ex = Math.sqrt(e.a() * e.a() * c * c + e.b() * e.b() * s * s);
        double ey = Math.sqrt(e.a() * e.a() * s * s + e.b() * e.b() * c * c);
        int col0 = Math.max(0, (int) Math.floor(e.cx() - ex - 0.5));
        int col1 = Math.min(width, (int) Math.ceil(e.cx() + ex + 0.5));
        int row0 = Math.max(0, (int) Math.floor(e.cy() - ey - 0.5));
        int row1 = Math.min(height, (int) Math.ceil(e.cy() + ey + 0.5));
        double ia2 = 1.0 / (e.a() * e.a());
        double ib2 = 1.0 / (e.b() * e.b());
        for (int row = row0; row < row1; row++) {
            double dy = row + 0.5 - e.cy();
            int base = row * width;
            for (int col = col0; col < col1; col++) {
                double dx = col + 0.5 - e.cx();
                double u = c * dx + s * dy;
                double v = -s * dx + c * dy;
                if (u * u * ia2 + v * v * ib2 <= 1.0) {
                    mask[base + col] = value;
                }
            }
        }
    }
}
