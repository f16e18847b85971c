package org.boxrefine.synth;

/** How the background of a synthetic scene is painted. */
public enum BackgroundKind {
    /** Two colours mixed by multi-octave value noise. */
    VALUE_NOISE,
    /** A linear gradient between two colours in a random direction. */
    GRADIENT,
    /** Broad soft stripes at a random angle. */
    STRIPES,
    /** Fine, vertically stretched noise in grass or straw colours. */
    GRASS
}
