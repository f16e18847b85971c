package org.boxrefine.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar with counts, rate and ETA. On a terminal it redraws in place at most
 * five times a second; otherwise (a log file, a test) it prints a line every 10%. Quiet prints nothing.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintWriter out;
    private final String label;
    private final String unit;
    private final long total;
    private final boolean quiet;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastDecile = -1;

    ProgressBar(PrintWriter out, String label, String unit, long total, boolean quiet, boolean terminal) {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.total = Math.max(1, total);
        this.quiet = quiet;
        this.terminal = terminal;
    }

    /** Whether standard error is an interactive terminal. */
    static boolean isTerminal() {
        return System.console() != null;
    }

    void update(long done, String extra) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        int decile = (int) Math.min(10, done * 10 / total);
        if (terminal) {
            if (now - lastDrawNanos < 200_000_000L && done < total) {
                return;
            }
            lastDrawNanos = now;
            out.print("\r" + line(done, extra, now) + "\u001b[K");
        } else {
            if (decile == lastDecile) {
                return;
            }
            lastDecile = decile;
            out.println(line(done, extra, now));
        }
        out.flush();
    }

    void finish(long done, String extra) {
        if (quiet) {
            return;
        }
        if (terminal) {
            out.println("\r" + line(done, extra, System.nanoTime()) + "\u001b[K");
        } else if (lastDecile != 10) {
            out.println(line(done, extra, System.nanoTime()));
        }
        out.flush();
    }

    String line(long done, String extra, long nowNanos) {
        double secs = (nowNanos - startNanos) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        double frac = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = rate > 0 && done < total ? clock((total - done) / rate) : clock(secs);
        return String.format(Locale.ROOT, "%-7s [%s] %3d%% %,d/%,d %s  %,.0f %s/s  %s %s%s", label, bar,
                Math.round(frac * 100), done, total, unit, rate, unit, done < total ? "ETA" : "in", eta,
                extra == null || extra.isEmpty() ? "" : "  " + extra);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
