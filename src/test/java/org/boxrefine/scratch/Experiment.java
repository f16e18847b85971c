package org.boxrefine.scratch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.*;
import org.boxrefine.dataset.*;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.*;
import org.boxrefine.io.image.ImageFiles;
import org.boxrefine.model.*;
import org.boxrefine.patch.*;
import org.boxrefine.refine.*;

public class Experiment {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        Path json = dir.resolve(a[1]);
        double tagSize = Double.parseDouble(a[2]);
        int epochs = Integer.parseInt(a[3]);
        double[] thresholds = Arrays.stream(a[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        int limit = a.length > 5 ? Integer.parseInt(a[5]) : Integer.MAX_VALUE;
        String arch = a.length > 6 ? a[6] : "DENSE";
        EngineSetup.start(2);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        Map<Long, String> files = new HashMap<>();
        for (JsonNode im : doc.get("images")) files.put(im.get("id").asLong(), im.get("file_name").asText());
        Map<Long, List<Tag>> tags = new LinkedHashMap<>();
        Map<Long, String> maskFiles = new HashMap<>();
        for (JsonNode an : doc.get("annotations")) {
            JsonNode b = an.get("bbox");
            tags.computeIfAbsent(an.get("image_id").asLong(), k -> new ArrayList<>()).add(new Tag(an.get("id").asLong(), 1,
                    BoxPx.fromXywh(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble())));
            maskFiles.put(an.get("id").asLong(), an.get("mask_file").asText());
        }
        List<ImageRecord> recs = new ArrayList<>();
        for (var e : tags.entrySet()) { if (recs.size() < limit) recs.add(new ImageRecord(e.getKey(), files.get(e.getKey()), 0, 0, e.getValue())); }
        ImageSource src = r -> ImageFiles.readRgb(dir.resolve(r.fileName()));
        RefineConfig cfg = RefineConfig.defaults(1).withScale(new WorkingScale(tagSize, 2)).withEpochs(epochs)
            .withArch(NetArch.valueOf(arch));
        long t0 = System.nanoTime();
        Refiner ref = new Refiner(cfg);
        double[] sumIou = new double[thresholds.length];
        double sumBox = 0; int n = 0;
        try (PatchClassifier c = ref.train(recs, src, TrainingListener.NONE, (r, e) -> System.err.println(e))) {
            double t1 = (System.nanoTime() - t0) / 1e9;
            System.out.printf("train %.1fs %s%n", t1, ref.lastTraining());
            for (ImageRecord r : recs) {
                RgbImage img = src.load(r);
                for (int ti = 0; ti < thresholds.length; ti++) {
                    Refiner rr = new Refiner(cfg.withThreshold(thresholds[ti]));
                    List<TagResult> res = rr.refine(c, img, r.tags());
                    if (ti == 0 && r.imageId() <= 3) dump(rr, c, img, r, dir.resolve(maskFiles.get(r.tags().get(0).annotationId())));
                    for (int k = 0; k < res.size(); k++) {
                        BinaryMask truth = ImageFiles.readMask(dir.resolve(maskFiles.get(res.get(k).annotationId())));
                        sumIou[ti] += res.get(k).mask().toFull(img.widthPx(), img.heightPx()).iou(truth);
                        if (ti == 0) {
                            var pr = r.tags().get(k).box().pixelRect(img.widthPx(), img.heightPx());
                            BinaryMask bm = new CroppedMask(pr, filled(pr.widthPx(), pr.heightPx())).toFull(img.widthPx(), img.heightPx());
                            sumBox += bm.iou(truth); n++;
                        }
                    }
                }
            }
        }
        System.out.printf("total %.1fs boxes %d box %.3f%n", (System.nanoTime() - t0) / 1e9, n, sumBox / n);
        for (int ti = 0; ti < thresholds.length; ti++) System.out.printf("t=%.2f miou %.3f%n", thresholds[ti], sumIou[ti] / n);
    }
    static void dump(Refiner rr, PatchClassifier c, RgbImage img, ImageRecord r, Path mask) throws Exception {
        ScaledImage s = rr.scale(img, r.tags());
        var reg = new org.boxrefine.geom.PixelRect(0, 0, s.image().widthPx(), s.image().heightPx());
        float[] p = c.predictDense(PatchExtractor.denseInput(s.image(), reg, 35), reg.widthPx() + 34, reg.heightPx() + 34);
        int w = reg.widthPx(), h = reg.heightPx();
        RgbImage out = RgbImage.blank(3 * w, h);
        BinaryMask t = Resize.rgb(ImageFiles.readRgb(mask), w, h) == null ? null : null;
        RgbImage tm = Resize.rgb(ImageFiles.readRgb(mask), w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            out.set(x, y, s.image().get(x, y, 0), s.image().get(x, y, 1), s.image().get(x, y, 2));
            int v = (int) (p[y * w + x] * 255); boolean in = s.insideAnyTag(x, y);
            out.set(w + x, y, v, v, in ? Math.min(255, v + 60) : v);
            out.set(2 * w + x, y, tm.get(x, y, 0), tm.get(x, y, 0), tm.get(x, y, 0));
        }
        ImageFiles.writePng(Resize.rgb(out, 6 * w, 2 * h), Path.of("/tmp/dump_" + r.imageId() + ".png"));
    }
    static BinaryMask filled(int w, int h) { byte[] b = new byte[w*h]; Arrays.fill(b, (byte)1); return new BinaryMask(w, h, b); }
}
