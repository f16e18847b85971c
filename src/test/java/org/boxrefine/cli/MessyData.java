package org.boxrefine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;
import org.boxrefine.synth.Scene;
import org.boxrefine.synth.SceneConfig;
import org.boxrefine.synth.SceneSet;

/** A small COCO data set built in a test folder, image by image, with whatever flaws a test needs. */
final class MessyData {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Writes an image file. */
    @FunctionalInterface
    interface ImageWriter {
        void write(RgbImage image, Path file) throws IOException;
    }

    final Path folder;
    private final ObjectNode doc = JSON.createObjectNode();
    private final ArrayNode images = doc.putArray("images");
    private final ArrayNode annotations = doc.putArray("annotations");
    private final List<Scene> scenes;
    private long nextAnnotationId = 1;

    MessyData(Path folder, int sceneCount, long seed) {
        this.folder = folder;
        this.scenes = SceneSet.generate(SceneConfig.defaults(), sceneCount, seed).scenes();
        doc.putArray("categories").addObject().put("id", 1).put("name", "thing");
    }

    Scene scene(int i) {
        return scenes.get(i);
    }

    /** Adds scene {@code i} as image {@code imageId} written by {@code writer}, with its loose boxes; returns their ids. */
    List<Long> addScene(int i, long imageId, String fileName, ImageWriter writer) throws IOException {
        Scene s = scenes.get(i);
        Path file = folder.resolve(fileName);
        Files.createDirectories(file.getParent());
        writer.write(s.image(), file);
        addImage(imageId, fileName, s.widthPx(), s.heightPx());
        List<Long> ids = new ArrayList<>();
        for (BoxPx b : s.looseBoxes()) {
            ids.add(addBox(imageId, b.x0Px(), b.y0Px(), b.widthPx(), b.heightPx()));
        }
        return ids;
    }

    ObjectNode addImage(long imageId, String fileName, int widthPx, int heightPx) {
        ObjectNode img = images.addObject().put("id", imageId).put("file_name", fileName);
        if (widthPx > 0) {
            img.put("width", widthPx).put("height", heightPx);
        }
        return img;
    }

    long addBox(long imageId, double x, double y, double w, double h) {
        long id = nextAnnotationId++;
        ObjectNode a = annotations.addObject().put("id", id).put("image_id", imageId).put("category_id", 1);
        a.putArray("bbox").add(x).add(y).add(w).add(h);
        return id;
    }

    /** Adds an annotation written as raw JSON (for values a tree cannot hold, such as NaN or strings). */
    void addRaw(String annotationJson) throws IOException {
        annotations.add(JSON.readTree(annotationJson));
    }

    long nextId() {
        return nextAnnotationId++;
    }

    /** Writes the COCO file as {@code boxes.json} in the folder, NaN written as the bare token Python writes. */
    Path write() throws IOException {
        Path file = folder.resolve("boxes.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc)
                .replace("\"__NaN__\"", "NaN"));
        return file;
    }

    /** The annotations of a result file by id (the first of duplicates; those without an id left out). */
    static java.util.Map<Long, JsonNode> annotationsById(Path resultFile) throws IOException {
        java.util.Map<Long, JsonNode> out = new java.util.LinkedHashMap<>();
        for (JsonNode a : JSON.readTree(resultFile.toFile()).get("annotations")) {
            if (a.has("id")) {
                out.putIfAbsent(a.get("id").asLong(), a);
            }
        }
        return out;
    }
}
