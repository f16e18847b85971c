package org.boxrefine.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.boxrefine.patch.CropBatch;
import org.boxrefine.patch.PatchBatch;

/**
 * A patch classifier: trained on labelled patches, it gives the foreground probability of a
 * patch's centre pixel. The {@link NetArch#DENSE} network can also be run densely: one pass over
 * a region gives the probability at every pixel, equal to classifying the patch centred there.
 * Holds native memory: close it.
 * Prediction calls are serialised, so several threads may share one classifier.
 */
public final class PatchClassifier implements AutoCloseable {
    private final NetArch arch;
    private final Model model;
    private final NDManager manager;
    private SequentialBlock denseBlock;

    private PatchClassifier(NetArch arch, long seed) {
        this.arch = arch;
        this.model = Model.newInstance("boxrefine-" + arch.name().toLowerCase(java.util.Locale.ROOT), "PyTorch");
        this.manager = model.getNDManager().newSubManager();
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        SequentialBlock block = PatchNets.build(arch);
        model.setBlock(block);
        int size = arch.patchSizePx();
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, size, size));
    }

    /** A freshly initialised classifier; {@code seed} fixes the initial parameters. */
    public static PatchClassifier create(NetArch arch, long seed) {
        return new PatchClassifier(arch, seed);
    }

    /** Reads parameters written by {@link #writeParameters}. */
    public static PatchClassifier read(NetArch arch, InputStream in) throws IOException {
        PatchClassifier c = new PatchClassifier(arch, 0);
        try {
            java.util.List<Shape> expected = new java.util.ArrayList<>();
            c.model.getBlock().getParameters().values().forEach(p -> expected.add(p.getArray().getShape()));
            c.model.getBlock().loadParameters(c.model.getNDManager(), new DataInputStream(in));
            java.util.List<Shape> found = new java.util.ArrayList<>();
            c.model.getBlock().getParameters().values().forEach(p -> found.add(p.getArray().getShape()));
            if (!expected.equals(found)) {
                throw new MalformedModelException("expected parameter shapes " + expected + ", found " + found);
            }
        } catch (MalformedModelException | RuntimeException e) {
            c.close();
            throw new IOException("model parameters do not fit the " + arch + " network: " + e.getMessage(), e);
        }
        return c;
    }

    public NetArch arch() {
        return arch;
    }

    /**
     * Trains with Adam and binary cross-entropy on logits until {@code batches} runs out.
     * Continues from the current parameters, so calling it again fine-tunes. With
     * {@link TrainConfig#centreDropout()} above 0, every training batch goes through
     * {@link CentreDropout} first (prediction never does). The learning rate follows
     * {@link TrainConfig#schedule()} over {@code plannedSteps} optimiser steps; steps beyond them keep
     * the schedule's last rate.
     *
     * @throws IllegalArgumentException if the schedule is {@link LearningRateSchedule#COSINE} and
     *     {@code plannedSteps} is not positive
     */
    public TrainingSummary train(Iterator<PatchBatch> batches, long plannedSteps, TrainConfig config,
            TrainingListener listener) {
        int size = arch.patchSizePx();
        try (CentreDropout dropout = config.centreDropout() > 0
                ? new CentreDropout(manager, size, config.centreDropout()) : null) {
            return optimise(batches, Loss.sigmoidBinaryCrossEntropyLoss("bce", 1f, false),
                    tracker(config.learningRate(), config.schedule(), plannedSteps), config.seed(), PatchBatch::count,
                    (trainer, step, b, stepIndex) -> {
                        if (b.sizePx() != size) {
                            throw new IllegalArgumentException("the " + arch + " network takes " + size
                                    + " px patches, found " + b.sizePx());
                        }
                        NDArray x = tensor(step, b.pixels(), new Shape(b.count(), 3, size, size));
                        if (dropout != null) {
                            x = dropout.apply(x);
                        }
                        NDArray y = tensor(step, b.labels(), new Shape(b.count(), 1, 1, 1));
                        return trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                    }, listener);
        }
    }

    /**
     * Box-supervised fine-tuning with {@link BoxLossConfig}'s projection and pairwise losses on
     * the strided network's output (one cell per {@code stride} pixels) until {@code batches} runs
     * out. Only {@link NetArch#DENSE}, whose strided output at cell (i, j) equals the patch network
     * centred there. The listener's batch loss is projection plus weighted pairwise loss; its
     * count is crop cells.
     */
    public TrainingSummary trainBoxSupervised(Iterator<CropBatch> batches, BoxLossConfig config, long seed,
            TrainingListener listener) {
        if (arch != NetArch.DENSE) {
            throw new IllegalStateException("box-supervised training needs the dense network, found " + arch);
        }
        return optimise(batches, Loss.l2Loss(), Tracker.fixed(config.learningRate()), seed,
                b -> (long) b.count() * b.cells() * b.cells(), (trainer, step, b, stepIndex) -> {
                    int n = b.count();
                    int m = b.cells();
                    NDArray x = step.create(b.pixels(), new Shape(n, 3, b.sizePx(), b.sizePx()));
                    NDArray box = step.create(b.boxCells(), new Shape(n, 1, m, m));
                    NDArray pairs = step.create(b.pairWeights(), new Shape(n, CropBatch.DIRECTIONS.length, m, m));
                    NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                    if (logits.getShape().get(2) != m || logits.getShape().get(3) != m) {
                        throw new IllegalArgumentException("a " + b.sizePx() + " px crop gives " + logits.getShape()
                                + " cells, expected " + m + "x" + m);
                    }
                    return BoxLosses.projection(logits, box)
                            .add(BoxLosses.pairwise(logits, pairs).mul((float) config.pairwiseWeightAt(stepIndex)));
                }, listener);
    }

    /** One optimiser step's loss on a batch, built under the step's manager inside the gradient collector. */
    @FunctionalInterface
    private interface StepLoss<B> {
        NDArray loss(Trainer trainer, NDManager step, B batch, long stepIndex);
    }

    /** Adam's learning rate over a run of {@code plannedSteps} steps (a cosine schedule needs them above 0). */
    static Tracker tracker(float learningRate, LearningRateSchedule schedule, long plannedSteps) {
        if (schedule == LearningRateSchedule.FIXED) {
            return Tracker.fixed(learningRate);
        }
        if (plannedSteps <= 0) {
            throw new IllegalArgumentException("a " + schedule.name().toLowerCase(Locale.ROOT)
                    + " learning-rate schedule needs the number of planned optimiser steps, above 0; found "
                    + plannedSteps);
        }
        return Tracker.cosine().setBaseValue(learningRate)
                .optFinalValue((float) (learningRate * LearningRateSchedule.COSINE_FINAL_FRACTION))
                .setMaxUpdates((int) Math.min(Integer.MAX_VALUE, plannedSteps)).build();
    }

    /**
     * The optimiser loop both trainings share: Adam with the learning rate of {@code rate} from the current
     * parameters, one sub-manager per step, an exponential moving average of the loss for the
     * listener. {@code loss} only configures the trainer; {@code stepLoss} builds each step's loss.
     */
    private <B> TrainingSummary optimise(Iterator<B> batches, Loss loss, Tracker rate, long seed,
            ToLongFunction<B> count, StepLoss<B> stepLoss, TrainingListener listener) {
        denseBlock = null;
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        DefaultTrainingConfig tc = new DefaultTrainingConfig(loss)
                .optOptimizer(Adam.builder().optLearningRateTracker(rate).build());
        long start = System.nanoTime();
        long seen = 0;
        long steps = 0;
        double ema = Double.NaN;
        int size = arch.patchSizePx();
        try (Trainer trainer = model.newTrainer(tc)) {
            trainer.initialize(new Shape(1, 3, size, size));
            while (batches.hasNext()) {
                B b = batches.next();
                float value;
                try (NDManager step = manager.newSubManager()) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray l = stepLoss.loss(trainer, step, b, steps);
                        gc.backward(l);
                        value = l.getFloat();
                    }
                    trainer.step();
                }
                seen += count.applyAsLong(b);
                steps++;
                ema = Double.isNaN(ema) ? value : 0.98 * ema + 0.02 * value;
                double secs = (System.nanoTime() - start) / 1e9;
                listener.onStep(seen, value, ema, secs > 0 ? seen / secs : 0);
            }
        }
        return new TrainingSummary(seen, steps, ema, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Foreground probability of each patch's centre.
     *
     * @param pixels normalised patches, {@code [count][3][size][size]} flattened
     */
    public synchronized float[] predictPatches(float[] pixels, int count) {
        int size = arch.patchSizePx();
        if (pixels.length < count * 3 * size * size) {
            throw new IllegalArgumentException("expected " + count * 3 * size * size + " values for " + count
                    + " patches, found " + pixels.length);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = tensor(step, pixels, new Shape(count, 3, size, size));
            return forward(model.getBlock(), step, x).toFloatArray();
        }
    }

    /** A tensor of the first {@code shape.size()} values of {@code data}. */
    private static NDArray tensor(NDManager step, float[] data, Shape shape) {
        int n = Math.toIntExact(shape.size());
        return step.create(data.length == n ? data : java.util.Arrays.copyOf(data, n), shape);
    }

    /**
     * Foreground probability at every pixel of a region in one pass (only {@link NetArch#DENSE}).
     *
     * @param chw      the region plus a border of {@code centreOffset} pixels on every side,
     *                 normalised, channel-first, {@code [3][heightPx][widthPx]} flattened
     * @param widthPx  width of that padded input
     * @param heightPx height of that padded input
     * @return {@code (heightPx - size + 1) x (widthPx - size + 1)} probabilities, row-major
     */
    public synchronized float[] predictDense(float[] chw, int widthPx, int heightPx) {
        if (arch != NetArch.DENSE) {
            throw new IllegalStateException("the " + arch + " network cannot be run densely; evaluate patches on a grid");
        }
        int size = arch.patchSizePx();
        if (widthPx < size || heightPx < size) {
            throw new IllegalArgumentException("a dense input must be at least " + size + "x" + size + ", found "
                    + widthPx + "x" + heightPx);
        }
        if (chw.length != 3 * widthPx * heightPx) {
            throw new IllegalArgumentException("expected " + 3 * widthPx * heightPx + " values for a " + widthPx + "x"
                    + heightPx + " input, found " + chw.length);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(chw, new Shape(1, 3, heightPx, widthPx));
            return forward(denseBlock(), step, x).toFloatArray();
        }
    }

    private NDArray forward(Block block, NDManager step, NDArray x) {
        NDList out = block.forward(new ParameterStore(step, false), new NDList(x), false);
        return out.singletonOrThrow().getNDArrayInternal().sigmoid();
    }

    private Block denseBlock() {
        if (denseBlock == null) {
            SequentialBlock dilated = PatchNets.dense(true);
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                model.getBlock().saveParameters(new DataOutputStream(bytes));
                dilated.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            } catch (IOException | MalformedModelException e) {
                throw new IllegalStateException("cannot share parameters with the dilated network", e);
            }
            denseBlock = dilated;
        }
        return denseBlock;
    }

    /** Writes the parameters (DJL's block format); read them back with {@link #read}. */
    public void writeParameters(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        model.getBlock().saveParameters(data);
        data.flush();
    }

    @Override
    public void close() {
        manager.close();
        model.close();
    }
}
