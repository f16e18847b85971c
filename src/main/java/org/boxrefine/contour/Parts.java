package org.boxrefine.contour;

import java.util.Locale;

/** Which parts of a mask become polygons. */
public enum Parts {
    /** The largest outer contour only, holes filled. */
    LARGEST,
    /** Every outer contour, holes filled. */
    OUTER,
    /** Every outer contour with its holes, each hole joined to its outline by a zero-width cut. */
    HOLES;

    /** The policy named on the command line ({@code largest}, {@code outer}, {@code holes}). */
    public static Parts parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--parts must be largest, outer or holes, found '" + name + "'");
        }
    }
}
