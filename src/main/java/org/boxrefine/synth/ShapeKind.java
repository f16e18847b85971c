package org.boxrefine.synth;

/** The outline of a synthetic object. */
public enum ShapeKind {
    /** A rotated ellipse. */
    ELLIPSE,
    /** A rotated rectangle. */
    RECTANGLE,
    /** A star polygon with random inner and outer radii. */
    STAR,
    /** A smooth random blob (a polygon with harmonically perturbed radius). */
    BLOB,
    /** A rotated L: two bars meeting at a corner, concave. */
    L_SHAPE,
    /** A disc with an offset disc cut out, concave. */
    CRESCENT,
    /** A person-like silhouette: head disc, torso, arms and legs. */
    PERSON
}
