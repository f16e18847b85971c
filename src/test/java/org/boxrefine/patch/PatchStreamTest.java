package org.boxrefine.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;
import org.junit.jupiter.api.Test;

class PatchStreamTest {

    /** {@code n} 40x40 images, each with one 20x20 tag in the middle. */
    private static List<ImageRecord> records(int n) {
        List<ImageRecord> recs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recs.add(new ImageRecord(i, "img" + i + ".png", 40, 40, List.of(new Tag(i, 1, new BoxPx(10, 10, 30, 30)))));
        }
        return recs;
    }

    @Test
    void streamsEveryEpochSkipsBrokenImagesOnceAndIsSeeded() {
        List<ImageRecord> recs = records(5);
        List<Long> errors = new ArrayList<>();
        List<Long> loads = new ArrayList<>();
        PatchStream.Loader loader = r -> {
            loads.add(r.imageId());
            if (r.imageId() == 3) {
                throw new IOException("broken");
            }
            RgbImage img = RgbImage.blank(40, 40);
            img.set(20, 20, (int) r.imageId() * 40, 0, 0);
            return new ScaledImage(img, 1, 1, List.of(new BoxPx(10, 10, 30, 30)));
        };
        PatchStream.Settings s = new PatchStream.Settings(new SamplingConfig(20, 0.5, 0.5), 3, 2, 16, 35, 7);
        PatchStream stream = new PatchStream(recs, loader, s, (r, e) -> errors.add(r.imageId()));
        assertThat(stream.plannedPatches()).isEqualTo(3 * 5 * 20);
        int patches = 0;
        int fg = 0;
        List<float[]> firstPixels = new ArrayList<>();
        while (stream.hasNext()) {
            PatchBatch b = stream.next();
            assertThat(b.count()).isBetween(1, 16);
            patches += b.count();
            for (int i = 0; i < b.count(); i++) {
                fg += (int) b.labels()[i];
            }
            firstPixels.add(b.pixels());
        }
        assertThat(errors).containsExactly(3L);
        assertThat(loads.stream().filter(id -> id == 3).count()).as("a broken image is tried once").isEqualTo(1);
        assertThat(patches).isEqualTo(3 * 4 * 20);
        assertThat(fg).isEqualTo(patches / 2);
        PatchStream again = new PatchStream(recs, loader, s, (r, e) -> { });
        assertThat(again.next().pixels()).containsExactly(firstPixels.get(0));
    }

    @Test
    void aDataSetOverTheBudgetGivesFewerPatchesPerImageButUsesEveryImage() {
        List<ImageRecord> recs = records(12);
        List<Long> loads = new ArrayList<>();
        PatchStream.Loader loader = r -> {
            loads.add(r.imageId());
            return new ScaledImage(RgbImage.blank(40, 40), 1, 1, List.of(new BoxPx(10, 10, 30, 30)));
        };
        SamplingConfig budget = new SamplingConfig(64, 0.5, 0.5, false, 0, 0, 300);
        PatchStream stream = new PatchStream(recs, loader, new PatchStream.Settings(budget, 2, 4, 16, 35, 7),
                (r, e) -> { });
        int perImage = budget.forImages(recs.size()).patchesPerImage();
        assertThat(perImage).isEqualTo(24);
        assertThat(stream.plannedPatches()).isEqualTo(2L * 12 * perImage);
        int patches = 0;
        while (stream.hasNext()) {
            patches += stream.next().count();
        }
        assertThat(patches).isEqualTo(2 * 12 * perImage);
        assertThat(loads).hasSize(2 * 12).containsAll(recs.stream().map(ImageRecord::imageId).toList());
    }

    @Test
    void theBudgetOnlyBitesAboveItAndNeverDropsBelowTheFloor() {
        SamplingConfig cfg = new SamplingConfig(512, 0.5, 0.5, true, 0.2, 0, 10_000);
        assertThat(cfg.forImages(19)).isSameAs(cfg);
        int previous = 512;
        for (int images = 20; images <= 5000; images += 7) {
            SamplingConfig s = cfg.forImages(images);
            assertThat(s.patchesPerImage() % 2).isZero();
            assertThat(s.patchesPerImage()).isLessThanOrEqualTo(previous)
                    .isGreaterThanOrEqualTo(SamplingConfig.MIN_PATCHES_PER_IMAGE);
            if (s.patchesPerImage() > SamplingConfig.MIN_PATCHES_PER_IMAGE) {
                assertThat((long) s.patchesPerImage() * images).isLessThanOrEqualTo(10_000)
                        .isGreaterThan(10_000 - 2L * images);
            }
            assertThat(new SamplingConfig(512, s.ringFraction(), s.ringShare(), s.flip(), s.colourJitter(),
                    s.insideShare(), s.maxPatchesPerEpoch())).as("only the patch count changes").isEqualTo(cfg);
            previous = s.patchesPerImage();
        }
    }
}
