package org.boxrefine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.refine.PlainGrabCut;

/**
 * Plain GrabCut's listener for {@code baseline} and {@code bench}: a "grabcut" progress bar over the images, the
 * images done and skipped, and the seconds of each {@code grabCut} call; each mask goes on to a consumer.
 */
final class GrabCutProgress implements PlainGrabCut.Listener {
    private final PrintWriter err;
    private final boolean printSkipped;
    private final Consumer<PlainGrabCut.BoxMask> masks;
    private final ProgressBar bar;
    private final List<Double> secondsPerBox = new ArrayList<>();
    private int loaded;
    private int skipped;

    /**
     * @param err          where the bar (and, with {@code printSkipped}, each skipped image) is written
     * @param images       how many images will be reported
     * @param quiet        no bar
     * @param printSkipped whether to print a line for each image that could not be loaded
     * @param masks        receives every tag's mask, in image and tag order
     */
    GrabCutProgress(PrintWriter err, int images, boolean quiet, boolean printSkipped,
            Consumer<PlainGrabCut.BoxMask> masks) {
        this.err = err;
        this.printSkipped = printSkipped;
        this.masks = masks;
        this.bar = new ProgressBar(err, "grabcut", "images", images, quiet, ProgressBar.isTerminal());
    }

    @Override
    public void onImage(ImageRecord record, List<PlainGrabCut.BoxMask> imageMasks) {
        loaded++;
        for (PlainGrabCut.BoxMask m : imageMasks) {
            secondsPerBox.add(m.seconds());
            masks.accept(m);
        }
        bar.update(loaded + skipped, null);
    }

    @Override
    public void onSkipped(ImageRecord record, IOException cause) {
        skipped++;
        if (printSkipped) {
            err.println("skipped image " + record.imageId() + " (" + record.fileName() + "): " + cause.getMessage());
        }
        bar.update(loaded + skipped, null);
    }

    /** Ends the bar. */
    void finish() {
        bar.finish(loaded + skipped, null);
    }

    /** Images whose masks were reported. */
    int loaded() {
        return loaded;
    }

    /** Images that could not be loaded. */
    int skipped() {
        return skipped;
    }

    /** The seconds of each {@code grabCut} call, in the order of the masks. */
    List<Double> secondsPerBox() {
        return List.copyOf(secondsPerBox);
    }
}
