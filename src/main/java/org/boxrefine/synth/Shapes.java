package org.boxrefine.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.boxrefine.synth.Outline.Ellipse;
import org.boxrefine.synth.Outline.Part;
import org.boxrefine.synth.Outline.Polygon;

/** Random outlines of each {@link ShapeKind}, centred near the origin, already rotated. */
final class Shapes {
    private Shapes() {
    }

    /**
     * A random outline of {@code kind} whose unrotated frame has {@code sizePx} as its longer
     * side, rotated by a random angle suited to the kind (a person only tilts a little).
     */
    static Outline random(ShapeKind kind, double sizePx, RandomGenerator rng) {
        double half = sizePx / 2;
        Outline local = switch (kind) {
            case ELLIPSE -> ellipse(half, rng);
            case RECTANGLE -> rectangle(half, rng);
            case STAR -> star(half, rng);
            case BLOB -> blob(half, rng);
            case L_SHAPE -> lShape(half, rng);
            case CRESCENT -> crescent(half, rng);
            case PERSON -> person(sizePx, rng);
        };
        double angle = kind == ShapeKind.PERSON
                ? Rng.uniform(rng, -0.2, 0.2)
                : Rng.uniform(rng, 0, 2 * Math.PI);
        return local.transformed(angle, 0, 0);
    }

    private static Outline ellipse(double half, RandomGenerator rng) {
        return new Outline(List.of(new Ellipse(0, 0, half, half * Rng.uniform(rng, 0.45, 1.0), 0, false)));
    }

    private static Outline rectangle(double half, RandomGenerator rng) {
        double hh = half * Rng.uniform(rng, 0.35, 1.0);
        return new Outline(List.of(new Polygon(
                new double[] {-half, half, half, -half},
                new double[] {-hh, -hh, hh, hh}, false)));
    }

    private static Outline star(double half, RandomGenerator rng) {
        int points = rng.nextInt(5, 10);
        double inner = Rng.uniform(rng, 0.35, 0.6);
        double squash = Rng.uniform(rng, 0.7, 1.0);
        double phase = Rng.uniform(rng, 0, 2 * Math.PI);
        double[] xs = new double[2 * points];
        double[] ys = new double[2 * points];
        for (int i = 0; i < 2 * points; i++) {
            double r = i % 2 == 0 ? Rng.uniform(rng, 0.8, 1.0) : inner * Rng.uniform(rng, 0.85, 1.15);
            double phi = phase + Math.PI * i / points;
            xs[i] = half * r * Math.cos(phi);
            ys[i] = half * squash * r * Math.sin(phi);
        }
        return new Outline(List.of(new Polygon(xs, ys, false)));
    }

    private static Outline blob(double half, RandomGenerator rng) {
        int harmonics = 4;
        double[] amp = new double[harmonics];
        double[] phase = new double[harmonics];
        for (int k = 0; k < harmonics; k++) {
            amp[k] = Rng.uniform(rng, 0, 0.4 / (k + 1));
            phase[k] = Rng.uniform(rng, 0, 2 * Math.PI);
        }
        double squash = Rng.uniform(rng, 0.6, 1.0);
        int n = 40;
        double[] r = new double[n];
        double maxR = 0;
        for (int i = 0; i < n; i++) {
            double phi = 2 * Math.PI * i / n;
            double v = 1;
            for (int k = 0; k < harmonics; k++) {
                v += amp[k] * Math.cos((k + 2) * phi + phase[k]);
            }
            r[i] = Math.max(0.3, v);
            maxR = Math.max(maxR, r[i]);
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double phi = 2 * Math.PI * i / n;
            xs[i] = half * r[i] / maxR * Math.cos(phi);
            ys[i] = half * squash * r[i] / maxR * Math.sin(phi);
        }
        return new Outline(List.of(new Polygon(xs, ys, false)));
    }

    private static Outline lShape(double half, RandomGenerator rng) {
        double w = 2 * half;
        double h = w * Rng.uniform(rng, 0.6, 1.0);
        double tx = w * Rng.uniform(rng, 0.3, 0.5);
        double ty = h * Rng.uniform(rng, 0.3, 0.5);
        double x0 = -w / 2;
        double y0 = -h / 2;
        return new Outline(List.of(new Polygon(
                new double[] {x0, x0 + tx, x0 + tx, x0 + w, x0 + w, x0},
                new double[] {y0, y0, y0 + h - ty, y0 + h - ty, y0 + h, y0 + h}, false)));
    }

    private static Outline crescent(double half, RandomGenerator rng) {
        double cut = half * Rng.uniform(rng, 0.7, 0.95);
        double offset = half * Rng.uniform(rng, Math.max(0.35, 1.08 - cut / half), 0.8);
        return new Outline(List.of(
                new Ellipse(0, 0, half, half, 0, false),
                new Ellipse(offset, 0, cut, cut, 0, true)));
    }

    private static Outline person(double height, RandomGenerator rng) {
        List<Part> parts = new ArrayList<>();
        double top = -height / 2;
        double bottom = height / 2;
        double head = height * Rng.uniform(rng, 0.08, 0.11);
        parts.add(new Ellipse(0, top + head, head * Rng.uniform(rng, 0.85, 1.0), head, Math.PI / 2, false));
        double shoulderY = top + 1.9 * head;
        double shoulder = height * Rng.uniform(rng, 0.12, 0.18);
        double hipY = shoulderY + height * Rng.uniform(rng, 0.3, 0.36);
        double hip = height * Rng.uniform(rng, 0.09, 0.13);
        parts.add(new Polygon(
                new double[] {-shoulder, shoulder, hip, -hip},
                new double[] {shoulderY, shoulderY, hipY, hipY}, false));
        double arm = height * Rng.uniform(rng, 0.045, 0.065);
        double armLength = height * Rng.uniform(rng, 0.3, 0.38);
        for (int side = -1; side <= 1; side += 2) {
            double splay = Rng.uniform(rng, 0.08, 0.6);
            double x0 = side * (shoulder - arm / 2);
            double y0 = shoulderY + arm / 2;
            parts.add(limb(x0, y0, x0 + side * armLength * Math.sin(splay), y0 + armLength * Math.cos(splay),
                    arm, arm * 0.8));
        }
        if (rng.nextDouble() < 0.3) {
            double hem = hipY + height * Rng.uniform(rng, 0.12, 0.22);
            double flare = hip * Rng.uniform(rng, 1.3, 1.8);
            parts.add(new Polygon(
                    new double[] {-hip, hip, flare, -flare},
                    new double[] {hipY - 1, hipY - 1, hem, hem}, false));
        }
        double leg = height * Rng.uniform(rng, 0.07, 0.1);
        for (int side = -1; side <= 1; side += 2) {
            double splay = Rng.uniform(rng, 0.0, 0.2);
            double x0 = side * Math.max(hip - leg / 2, leg * 0.6);
            double y0 = hipY - leg / 2;
            double length = (bottom - y0) / Math.cos(splay);
            parts.add(limb(x0, y0, x0 + side * length * Math.sin(splay), bottom, leg, leg * 0.75));
        }
        return new Outline(parts);
    }

    /** A quadrilateral along a segment, {@code width0} wide at its start and {@code width1} at its end. */
    private static Polygon limb(double x0, double y0, double x1, double y1, double width0, double width1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len = Math.hypot(dx, dy);
        double nx = -dy / len;
        double ny = dx / len;
        return new Polygon(
                new double[] {x0 + nx * width0 / 2, x1 + nx * width1 / 2, x1 - nx * width1 / 2, x0 - nx * width0 / 2},
                new double[] {y0 + ny * width0 / 2, y1 + ny * width1 / 2, y1 - ny * width1 / 2, y0 - ny * width0 / 2},
                false);
    }
}
