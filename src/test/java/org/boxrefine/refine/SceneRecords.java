package org.boxrefine.refine;

import java.util.ArrayList;
import java.util.List;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.synth.Scene;
import org.boxrefine.synth.SceneSet;

/** Test support: a synthetic scene set as image records, image id = scene index, loose boxes as tags. */
final class SceneRecords {
    private SceneRecords() {
    }

    static List<ImageRecord> of(SceneSet set) {
        List<ImageRecord> records = new ArrayList<>();
        long ann = 1;
        for (int i = 0; i < set.size(); i++) {
            Scene s = set.scenes().get(i);
            List<Tag> tags = new ArrayList<>();
            for (BoxPx loose : s.looseBoxes()) {
                tags.add(new Tag(ann++, 1, loose));
            }
            records.add(new ImageRecord(i, "scene" + i, s.widthPx(), s.heightPx(), tags));
        }
        return records;
    }
}
