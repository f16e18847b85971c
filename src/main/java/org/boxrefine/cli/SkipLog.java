package org.boxrefine.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.boxrefine.dataset.Problem;
import org.boxrefine.dataset.Problems;

/**
 * The command line's policy for bad input: each problem is printed as it is found ("warning:" when something was
 * repaired, "skipped:" when an image or box was left out); with {@code --strict} the first skip ends the run
 * ({@link StrictStop}); at the end, a summary counts what was skipped, grouped by reason.
 */
final class SkipLog {
    /** Thrown at the first skipped input under {@code --strict}. */
    static final class StrictStop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StrictStop(Problem p) {
            super("--strict: " + p.message());
        }
    }

    private final Problems problems;

    SkipLog(PrintWriter err, boolean strict) {
        this.problems = new Problems(p -> {
            if (p.skips() && strict) {
                throw new StrictStop(p);
            }
            err.println((p.skips() ? "skipped: " : "warning: ") + p.message());
        });
    }

    Problems problems() {
        return problems;
    }

    boolean anySkipped() {
        return problems.anySkipped();
    }

    /** Prints what was skipped, one line per reason; nothing when nothing was. */
    void printSummary(PrintWriter err) {
        Map<Problem.Reason, Problems.Count> byReason = problems.skippedByReason();
        if (byReason.isEmpty()) {
            return;
        }
        int images = byReason.values().stream().mapToInt(Problems.Count::images).sum();
        int boxes = byReason.values().stream().mapToInt(Problems.Count::boxes).sum();
        err.printf(Locale.ROOT, "skipped %d image(s) and %d box(es) in all (see the messages above):%n", images,
                boxes);
        for (Map.Entry<Problem.Reason, Problems.Count> e : byReason.entrySet()) {
            err.printf(Locale.ROOT, "  %4d image(s) %4d box(es): %s%n", e.getValue().images(), e.getValue().boxes(),
                    e.getKey().label());
        }
    }
}
