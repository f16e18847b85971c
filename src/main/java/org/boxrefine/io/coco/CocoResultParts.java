package org.boxrefine.io.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.boxrefine.geom.PixelRect;
import org.boxrefine.io.AtomicFiles;

/**
 * The results of a run kept image by image: one small JSON file per finished image ({@code <image id>.json}, its
 * annotations' RLE masks and scores), written whole or not at all. An interrupted run keeps its finished images;
 * the final {@code annotations.json} is streamed from these files ({@link CocoResultWriter#write(CocoDataset,
 * CocoResultWriter.ImageMasks, Path, boolean)}), so memory does not grow with the number of images.
 */
public final class CocoResultParts {
    private final Path folder;

    /** The parts kept in {@code folder} (created on the first write). */
    public CocoResultParts(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    private Path file(long imageId) {
        return folder.resolve(imageId + ".json");
    }

    /** Writes one image's masks, whole or not at all; its presence marks the image as done. */
    public void write(long imageId, Map<Long, CocoResultWriter.Refined> masks) throws IOException {
        ObjectNode root = CocoJson.MAPPER.createObjectNode();
        root.put("image_id", imageId);
        ArrayNode list = root.putArray("annotations");
        for (Map.Entry<Long, CocoResultWriter.Refined> e : masks.entrySet()) {
            CocoResultWriter.Refined r = e.getValue();
            ObjectNode a = list.addObject();
            a.put("id", e.getKey());
            a.putArray("size").add(r.heightPx()).add(r.widthPx());
            a.put("counts", r.counts());
            a.put("score", r.score());
            if (r.box() != null) {
                PixelRect b = r.box();
                a.putArray("box").add(b.x0Px()).add(b.y0Px()).add(b.x1Px()).add(b.y1Px());
                a.put("area", r.areaPx());
            }
        }
        AtomicFiles.write(file(imageId), os -> CocoJson.MAPPER.writeValue(os, root));
    }

    /** The ids of the images with a finished part. */
    public Set<Long> done() throws IOException {
        Set<Long> ids = new HashSet<>();
        if (!Files.isDirectory(folder)) {
            return ids;
        }
        try (Stream<Path> s = Files.list(folder)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("-?\\d+\\.json"))
                    .forEach(n -> ids.add(Long.parseLong(n.substring(0, n.length() - ".json".length()))));
        }
        return ids;
    }

    /** One image's masks by annotation id; empty when the image has no part. */
    public Map<Long, CocoResultWriter.Refined> read(long imageId) throws IOException {
        Path f = file(imageId);
        Map<Long, CocoResultWriter.Refined> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        JsonNode root = CocoJson.readObject(f);
        try {
            for (JsonNode a : root.path("annotations")) {
                PixelRect box = null;
                long area = 0;
                if (a.has("box")) {
                    JsonNode b = a.get("box");
                    box = new PixelRect(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
                    area = a.get("area").asLong();
                }
                out.put(a.get("id").asLong(), new CocoResultWriter.Refined(a.get("size").get(0).asInt(),
                        a.get("size").get(1).asInt(), a.get("counts").asText(), a.get("score").asDouble(), box, area));
            }
        } catch (RuntimeException e) {
            throw new IOException(f + ": not a boxrefine per-image result: " + e.getMessage(), e);
        }
        return out;
    }
}
