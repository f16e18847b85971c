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

    @Test
    void streamsEveryEpochSkipsBrokenImagesOnceAndIsSeeded() {
        List<ImageRecord> recs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recs.add(new ImageRecord(i, "img" + i + ".png", 40, 40, List.of(new Tag(i, 1, new BoxPx(10, 10, 30, 30)))));
        }
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
}
