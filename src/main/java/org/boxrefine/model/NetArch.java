package org.boxrefine.model;

/** The patch networks boxrefine can train. */
public enum NetArch {
    /**
     * The reference widths, depth, kernels, BatchNorm and activations with valid (unpadded)
     * convolutions on 35x35 patches, so that one dilated pass over a region equals evaluating the
     * patch classifier at every pixel. The default.
     */
    DENSE(35),
    /**
     * The literal reference network: 32x32 patches, padded convolutions. Its padding makes a
     * whole-region pass a different function, so it is evaluated patch by patch on a grid.
     */
    REFERENCE(32);

    /** Output stride of the {@link #DENSE} network's strided (training) form: one cell per 8 px. */
    public static final int DENSE_STRIDE_PX = 8;

    private final int patchSizePx;

    NetArch(int patchSizePx) {
        this.patchSizePx = patchSizePx;
    }

    /** Side of the square input patch. */
    public int patchSizePx() {
        return patchSizePx;
    }

    /** Offset of the patch's centre pixel from its top-left corner (16 for a 32 patch, 17 for 35). */
    public int centreOffsetPx() {
        return patchSizePx / 2;
    }
}
