package org.boxrefine.synth;

/** How a synthetic object is painted. */
public enum TextureKind {
    /** One colour with fine noise and a faint low-frequency variation. */
    SOLID,
    /** Two-colour stripes at a random angle and period. */
    STRIPES,
    /** A two-colour checkerboard at a random angle and cell size. */
    CHECKER,
    /** A linear colour gradient across the object in a random direction. */
    GRADIENT,
    /** Blotches of two colours from smooth value noise. */
    BLOTCHY
}
