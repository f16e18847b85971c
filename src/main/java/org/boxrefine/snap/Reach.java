package org.boxrefine.snap;

/**
 * The tag's premise for {@link JointGrabCut}: its object reaches every side of the rectangle {@code x0Px..x1Px} by
 * {@code y0Px..y1Px} (half-open, in the crop's pixels; the tag less its edge band). Where GrabCut's mask stops short of
 * a side by more than {@code gapFraction} of the rectangle's width (left, right) or height (top, bottom), the
 * cheapest 8-connected path from the mask to that side, each pixel costing how much likelier it is background than
 * foreground under the final data term ({@link ReachPaths}), is pinned as foreground and GrabCut runs once more,
 * its colour models now holding the path's colours.
 */
public record Reach(int x0Px, int y0Px, int x1Px, int y1Px, double gapFraction) {

    public Reach {
        if (x1Px <= x0Px || y1Px <= y0Px) {
            throw new IllegalArgumentException("a reach rectangle needs a positive width and height, found x " + x0Px
                    + ".." + x1Px + ", y " + y0Px + ".." + y1Px);
        }
        if (!(gapFraction >= 0 && gapFraction < 1)) {
            throw new IllegalArgumentException("a reach gap must be a fraction in [0, 1) of the rectangle's size, found "
                    + gapFraction);
        }
    }
}
