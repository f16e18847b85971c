package org.boxrefine.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/**
 * Builds the patch networks as DJL blocks. Every block ends at the logit (no sigmoid): training
 * uses binary cross-entropy on logits, and the sigmoid is applied at inference.
 */
final class PatchNets {
    /** Channel widths of conv1..conv6, as in the reference network. */
    static final int[] WIDTHS = {32, 64, 128, 128, 128, 1};
    static final float LEAKY_SLOPE = 0.2f;

    private PatchNets() {
    }

    /**
     * The reference network: conv1 5x5 pad 2; conv2..conv5 3x3 stride 2 pad 1; conv6 3x3 stride 2
     * pad 1 without bias; BatchNorm and leaky ReLU after conv1..conv5. A 32x32 patch gives 1x1.
     */
    static SequentialBlock reference() {
        SequentialBlock net = new SequentialBlock();
        addConv(net, WIDTHS[0], 5, 1, 2, 1, true);
        for (int i = 1; i <= 4; i++) {
            addConv(net, WIDTHS[i], 3, 2, 1, 1, true);
        }
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(WIDTHS[5]).optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1)).optBias(false).build());
        return net;
    }

    /**
     * The valid-convolution network on 35x35 patches: conv1 5x5; conv2..conv4 3x3 stride 2; conv5
     * 3x3; conv6 1x1 without bias; no padding. With {@code dilated} the strides become dilations
     * (1, 1, 2, 4, 8) so that the same parameters map a (h+34)x(w+34) input to an hxw map whose
     * every value equals the patch network at that pixel.
     */
    static SequentialBlock dense(boolean dilated) {
        SequentialBlock net = new SequentialBlock();
        addConv(net, WIDTHS[0], 5, 1, 0, 1, true);
        addConv(net, WIDTHS[1], 3, dilated ? 1 : 2, 0, 1, true);
        addConv(net, WIDTHS[2], 3, dilated ? 1 : 2, 0, dilated ? 2 : 1, true);
        addConv(net, WIDTHS[3], 3, dilated ? 1 : 2, 0, dilated ? 4 : 1, true);
        addConv(net, WIDTHS[4], 3, 1, 0, dilated ? 8 : 1, true);
        net.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(WIDTHS[5]).optBias(false).build());
        return net;
    }

    static SequentialBlock build(NetArch arch) {
        return arch == NetArch.DENSE ? dense(false) : reference();
    }

    private static void addConv(SequentialBlock net, int filters, int kernel, int stride, int pad, int dilation,
            boolean normAndActivate) {
        net.add(Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation))
                .build());
        if (normAndActivate) {
            net.add(BatchNorm.builder().build());
            net.add(Activation.leakyReluBlock(LEAKY_SLOPE));
        }
    }
}
