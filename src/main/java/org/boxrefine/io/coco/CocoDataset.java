package org.boxrefine.io.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.boxrefine.dataset.BoxSet;
import org.boxrefine.dataset.Category;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Problem;
import org.boxrefine.dataset.Tag;
import org.boxrefine.dataset.TagFit;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.io.image.ImageFiles;

/**
 * A COCO detection file: its images with the tags (boxes) on them, its categories, and the whole document kept
 * as read so that {@link CocoResultWriter} can reproduce every field.
 *
 * <p>Annotations that cannot be used (no integer id, duplicate id, unknown {@code image_id}, missing or
 * malformed {@code bbox}, box wholly outside its image) are skipped with a warning naming the file, the
 * annotation and the reason; boxes reaching beyond a declared image size are clipped to it, with a warning.
 */
public final class CocoDataset {
    private final Path jsonFile;
    private final Path imageFolder;
    private final ObjectNode document;
    private final List<ImageRecord> images;
    private final Map<Long, ImageRecord> imagesById;
    private final List<CocoCategory> categories;
    private final Map<Long, Integer> annotationIndex;
    private final Map<Long, Long> annotationImage;
    private final List<Problem> problems;
    private final Map<Long, ImageRecord> allById;

    private CocoDataset(Path jsonFile, Path imageFolder, ObjectNode document, List<ImageRecord> images,
            List<CocoCategory> categories, Map<Long, Integer> annotationIndex, Map<Long, Long> annotationImage,
            List<Problem> problems) {
        this(jsonFile, imageFolder, document, images, null, categories, annotationIndex, annotationImage, problems);
    }

    private CocoDataset(Path jsonFile, Path imageFolder, ObjectNode document, List<ImageRecord> images,
            Map<Long, ImageRecord> allById, List<CocoCategory> categories, Map<Long, Integer> annotationIndex,
            Map<Long, Long> annotationImage, List<Problem> problems) {
        this.jsonFile = jsonFile;
        this.imageFolder = imageFolder;
        this.document = document;
        this.images = List.copyOf(images);
        Map<Long, ImageRecord> byId = new HashMap<>();
        for (ImageRecord r : images) {
            byId.put(r.imageId(), r);
        }
        this.imagesById = Collections.unmodifiableMap(byId);
        this.categories = List.copyOf(categories);
        this.annotationIndex = Collections.unmodifiableMap(annotationIndex);
        this.annotationImage = Collections.unmodifiableMap(annotationImage);
        this.problems = List.copyOf(problems);
        this.allById = allById == null ? this.imagesById : allById;
    }

    /** Reads a COCO detection file whose image file names are relative to the file's own folder. */
    public static CocoDataset read(Path jsonFile) throws IOException {
        Path folder = jsonFile.toAbsolutePath().getParent();
        return read(jsonFile, folder);
    }

    /**
     * Reads a COCO detection file whose image file names are relative to {@code imageFolder}.
     *
     * @throws IOException naming the file when it is missing, not JSON, or has no {@code images} array
     */
    public static CocoDataset read(Path jsonFile, Path imageFolder) throws IOException {
        ObjectNode root = CocoJson.readObject(jsonFile);
        return new Parser(jsonFile, root).parse(imageFolder);
    }

    /**
     * A data set for box-free refinement: every PNG or JPEG file directly in {@code imageFolder}, by
     * name, each with one tag covering the whole image. Image and annotation ids count from 1 (image
     * k carries annotation k), in the one category 1, "object". An image whose size cannot be read is
     * listed without a tag, with a warning. {@link #jsonFile()} is the folder.
     */
    public static CocoDataset boxFree(Path imageFolder) throws IOException {
        List<Path> files = ImageFiles.list(imageFolder);
        ObjectNode root = CocoJson.MAPPER.createObjectNode();
        ArrayNode images = root.putArray("images");
        ArrayNode annotations = root.putArray("annotations");
        root.putArray("categories").addObject().put("id", 1).put("name", "object").put("supercategory", "object");
        List<Problem> unreadable = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            long id = i + 1L;
            ObjectNode image = images.addObject().put("id", id).put("file_name", files.get(i).getFileName().toString());
            ImageFiles.Size size;
            try {
                size = ImageFiles.size(files.get(i));
            } catch (IOException e) {
                unreadable.add(new Problem(Problem.Reason.IMAGE_FILE, e.getMessage() + "; image skipped", id,
                        List.of()));
                continue;
            }
            image.put("width", size.widthPx()).put("height", size.heightPx());
            ObjectNode a = annotations.addObject().put("id", id).put("image_id", id).put("category_id", 1);
            a.putArray("bbox").add(0).add(0).add(size.widthPx()).add(size.heightPx());
            a.put("area", (long) size.widthPx() * size.heightPx()).put("iscrowd", 0);
        }
        Parser parser = new Parser(imageFolder, root);
        parser.problems.addAll(unreadable);
        return parser.parse(imageFolder);
    }

    /**
     * The COCO view of boxes read from another format (VOC, YOLO, LabelMe): a document holding {@code images}
     * (id, file_name, and width and height when known), {@code annotations} (id, image_id, category_id, bbox,
     * area of the box, iscrowd 0) and {@code categories} (id, name), so that every COCO writer works on it.
     * The reader's warnings come first; {@link #jsonFile()} is the source the boxes came from.
     */
    public static CocoDataset fromBoxes(BoxSet boxes) throws IOException {
        ObjectNode root = CocoJson.MAPPER.createObjectNode();
        ArrayNode images = root.putArray("images");
        ArrayNode annotations = root.putArray("annotations");
        ArrayNode categories = root.putArray("categories");
        for (Category c : boxes.categories()) {
            categories.addObject().put("id", c.id()).put("name", c.name());
        }
        for (ImageRecord r : boxes.images()) {
            ObjectNode image = images.addObject().put("id", r.imageId()).put("file_name", r.fileName());
            if (r.widthPx() > 0 && r.heightPx() > 0) {
                image.put("width", r.widthPx()).put("height", r.heightPx());
            }
            for (Tag t : r.tags()) {
                ObjectNode a = annotations.addObject().put("id", t.annotationId()).put("image_id", r.imageId())
                        .put("category_id", t.categoryId());
                ArrayNode bbox = a.putArray("bbox");
                for (double v : t.box().toXywh()) {
                    bbox.add(CocoJson.number(v));
                }
                a.set("area", CocoJson.number(t.box().areaPx()));
                a.put("iscrowd", 0);
            }
        }
        Parser parser = new Parser(boxes.source(), root);
        for (String w : boxes.warnings()) {
            parser.warn(Problem.Reason.OTHER_WARNING, null, null, w);
        }
        return parser.parse(boxes.imageFolder());
    }

    /**
     * This data set with only the tags of the given categories in {@link #images()}; the document and every
     * annotation stay, so writers pass the other annotations through as read.
     */
    public CocoDataset withCategories(Set<Long> categoryIds) {
        List<ImageRecord> kept = new ArrayList<>();
        for (ImageRecord r : images) {
            kept.add(new ImageRecord(r.imageId(), r.fileName(), r.widthPx(), r.heightPx(),
                    r.tags().stream().filter(t -> categoryIds.contains(t.categoryId())).toList()));
        }
        return new CocoDataset(jsonFile, imageFolder, document, kept, allById, categories, annotationIndex,
                annotationImage, problems);
    }

    public Path jsonFile() {
        return jsonFile;
    }

    /** The folder image file names are relative to. */
    public Path imageFolder() {
        return imageFolder;
    }

    /** The images in input order, each with its usable tags in input order. */
    public List<ImageRecord> images() {
        return images;
    }

    public Optional<ImageRecord> image(long imageId) {
        return Optional.ofNullable(imagesById.get(imageId));
    }

    /** Every usable tag of an image, whatever {@link #withCategories} kept for refining; empty for an unknown id. */
    public List<Tag> allTags(long imageId) {
        ImageRecord r = allById.get(imageId);
        return r == null ? List.of() : r.tags();
    }

    public List<CocoCategory> categories() {
        return categories;
    }

    /** Problems found while reading, one line each, naming the file and the image or annotation. */
    public List<String> warnings() {
        return problems.stream().map(Problem::message).toList();
    }

    /** The same problems as {@link #warnings()}, with their reasons and the image and annotation ids concerned. */
    public List<Problem> problems() {
        return problems;
    }

    /** Number of usable tags over all images. */
    public int tagCount() {
        return annotationIndex.size();
    }

    /** The ids of the usable annotations (those that became tags). */
    public Set<Long> annotationIds() {
        return annotationIndex.keySet();
    }

    /** The image a usable annotation lies on. */
    public Optional<ImageRecord> imageOfAnnotation(long annotationId) {
        Long imageId = annotationImage.get(annotationId);
        return imageId == null ? Optional.empty() : image(imageId);
    }

    /** A copy of the whole document as read. */
    public ObjectNode document() {
        return document.deepCopy();
    }

    /** The document itself, for the writer, which copies it before changing anything. */
    ObjectNode documentView() {
        return document;
    }

    /** Position in the document's {@code annotations} array of a usable annotation. */
    OptionalInt annotationIndex(long annotationId) {
        Integer i = annotationIndex.get(annotationId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** One pass over the document collecting records and warnings. */
    private static final class Parser {
        private final Path file;
        private final ObjectNode root;
        private final List<Problem> problems = new ArrayList<>();

        private void warn(Problem.Reason reason, Long imageId, Long annotationId, String message) {
            problems.add(new Problem(reason, message, imageId, annotationId == null ? List.of()
                    : List.of(annotationId)));
        }

        Parser(Path file, ObjectNode root) {
            this.file = file;
            this.root = root;
        }

        CocoDataset parse(Path imageFolder) throws IOException {
            JsonNode imagesNode = root.path("images");
            if (!imagesNode.isArray()) {
                throw new IOException(file + ": not a COCO detection file: expected an \"images\" array, found "
                        + CocoJson.describe(imagesNode));
            }
            JsonNode annotationsNode = root.path("annotations");
            if (annotationsNode.isMissingNode()) {
                warn(Problem.Reason.OTHER_WARNING, null, null, file + ": no \"annotations\" array; the file has no boxes");
            } else if (!annotationsNode.isArray()) {
                throw new IOException(file + ": expected \"annotations\" to be an array, found "
                        + CocoJson.describe(annotationsNode));
            }
            List<CocoCategory> categories = parseCategories();
            Map<Long, ImageEntry> imageEntries = parseImages(imagesNode);
            Map<Long, Integer> annotationIndex = new LinkedHashMap<>();
            Map<Long, Long> annotationImage = new HashMap<>();
            Set<Long> categoryIds = categories.stream().map(CocoCategory::id).collect(Collectors.toSet());
            Map<Long, Integer> firstSeen = new HashMap<>();
            for (int i = 0; i < annotationsNode.size(); i++) {
                Tag tag = parseAnnotation(annotationsNode.get(i), i, imageEntries, firstSeen, categoryIds);
                if (tag != null) {
                    long imageId = annotationsNode.get(i).get("image_id").longValue();
                    imageEntries.get(imageId).tags.add(tag);
                    annotationIndex.put(tag.annotationId(), i);
                    annotationImage.put(tag.annotationId(), imageId);
                }
            }
            List<ImageRecord> images = new ArrayList<>();
            for (ImageEntry e : imageEntries.values()) {
                images.add(new ImageRecord(e.id, e.fileName, e.widthPx, e.heightPx, e.tags));
            }
            return new CocoDataset(file, imageFolder, root, images, categories, annotationIndex, annotationImage,
                    problems);
        }

        private List<CocoCategory> parseCategories() throws IOException {
            JsonNode node = root.path("categories");
            List<CocoCategory> out = new ArrayList<>();
            if (node.isMissingNode()) {
                return out;
            }
            if (!node.isArray()) {
                throw new IOException(file + ": expected \"categories\" to be an array, found "
                        + CocoJson.describe(node));
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode c = node.get(i);
                OptionalLong id = CocoJson.integral(c.get("id"));
                if (!c.isObject() || id.isEmpty()) {
                    warn(Problem.Reason.OTHER_WARNING, null, null, file + ": categories[" + i + "]: expected an object with an integer \"id\", found "
                            + CocoJson.describe(c) + "; category skipped");
                    continue;
                }
                out.add(new CocoCategory(id.getAsLong(), c.path("name").asText(""),
                        c.path("supercategory").asText("")));
            }
            return out;
        }

        private Map<Long, ImageEntry> parseImages(JsonNode node) {
            Map<Long, ImageEntry> out = new LinkedHashMap<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode img = node.get(i);
                String at = file + ": images[" + i + "]";
                OptionalLong id = CocoJson.integral(img.get("id"));
                if (!img.isObject() || id.isEmpty()) {
                    warn(Problem.Reason.IMAGE_ENTRY, null, null, at + ": expected an object with an integer \"id\", found "
                            + CocoJson.describe(img)
                            + "; image skipped");
                    continue;
                }
                at = file + ": image " + id.getAsLong() + " (images[" + i + "])";
                if (out.containsKey(id.getAsLong())) {
                    warn(Problem.Reason.IMAGE_ENTRY, id.getAsLong(), null, at + ": duplicate image id; image skipped");
                    continue;
                }
                JsonNode name = img.get("file_name");
                if (name == null || !name.isTextual() || name.asText().isBlank()) {
                    warn(Problem.Reason.IMAGE_ENTRY, id.getAsLong(), null, at + ": \"file_name\" must be a non-empty string, found " + CocoJson.describe(name)
                            + "; image skipped");
                    continue;
                }
                int w = dimension(img, "width", at);
                int h = dimension(img, "height", at);
                out.put(id.getAsLong(), new ImageEntry(id.getAsLong(), name.asText(), w, h));
            }
            return out;
        }

        private int dimension(JsonNode img, String field, String at) {
            JsonNode n = img.get(field);
            if (n == null || n.isNull()) {
                return 0;
            }
            OptionalLong v = CocoJson.integral(n);
            if (v.isEmpty() || v.getAsLong() <= 0 || v.getAsLong() > Integer.MAX_VALUE) {
                warn(Problem.Reason.OTHER_WARNING, null, null, at + ": \"" + field + "\" must be a positive integer, found " + CocoJson.describe(n)
                        + "; treated as unknown");
                return 0;
            }
            return (int) v.getAsLong();
        }

        private Tag parseAnnotation(JsonNode ann, int index, Map<Long, ImageEntry> images,
                Map<Long, Integer> firstSeen, Set<Long> categoryIds) {
            OptionalLong id = CocoJson.integral(ann.get("id"));
            if (!ann.isObject() || id.isEmpty()) {
                warn(Problem.Reason.MISSING_ID, null, null, file + ": annotations[" + index + "]: expected an object with an integer \"id\", found "
                        + CocoJson.describe(ann.isObject() ? ann.get("id") : ann) + "; annotation skipped");
                return null;
            }
            long annId = id.getAsLong();
            String at = file + ": annotation " + annId + " (annotations[" + index + "])";
            Integer first = firstSeen.putIfAbsent(annId, index);
            if (first != null) {
                warn(Problem.Reason.DUPLICATE_ID, null, null, at + ": duplicate annotation id, first used at annotations[" + first
                        + "]; annotation skipped");
                return null;
            }
            JsonNode imageIdNode = ann.get("image_id");
            OptionalLong imageId = CocoJson.integral(imageIdNode);
            if (imageId.isEmpty()) {
                warn(Problem.Reason.UNKNOWN_IMAGE, null, annId, at + ": \"image_id\" must be an integer, found " + CocoJson.describe(imageIdNode)
                        + "; annotation skipped");
                return null;
            }
            ImageEntry image = images.get(imageId.getAsLong());
            if (image == null) {
                warn(Problem.Reason.UNKNOWN_IMAGE, null, annId, at + ": unknown image_id " + imageId.getAsLong()
                        + " (no image with that id); annotation skipped");
                return null;
            }
            OptionalLong categoryId = CocoJson.integral(ann.get("category_id"));
            if (categoryId.isEmpty()) {
                warn(Problem.Reason.BAD_CATEGORY, imageId.getAsLong(), annId, at + ": \"category_id\" must be an integer, found " + CocoJson.describe(ann.get("category_id"))
                        + "; annotation skipped");
                return null;
            }
            if (!categoryIds.isEmpty() && !categoryIds.contains(categoryId.getAsLong())) {
                warn(Problem.Reason.OTHER_WARNING, imageId.getAsLong(), annId, at + ": category_id "
                        + categoryId.getAsLong() + " is not among the file's categories; kept");
            }
            BoxPx box;
            try {
                box = CocoJson.bbox(ann.get("bbox"));
            } catch (IllegalArgumentException e) {
                warn(Problem.Reason.BAD_BOX, imageId.getAsLong(), annId, at + ": " + e.getMessage()
                        + "; annotation skipped");
                return null;
            }
            if (image.widthPx > 0 && image.heightPx > 0) {
                TagFit.Result fit = TagFit.fit(box, image.widthPx, image.heightPx);
                String size = image.widthPx + "x" + image.heightPx;
                if (fit.fit() == TagFit.Fit.OUTSIDE) {
                    warn(Problem.Reason.BOX_OUTSIDE, image.id, annId, at + ": bbox " + CocoJson.xywh(box)
                            + " " + fit.outsideWhy() + " the " + size + " image " + image.id + "; annotation skipped");
                    return null;
                }
                if (fit.fit() == TagFit.Fit.CLIPPED) {
                    warn(Problem.Reason.BOX_CLIPPED, image.id, annId, at + ": bbox " + CocoJson.xywh(box)
                            + " extends beyond the " + size + " image " + image.id + "; clipped to "
                            + CocoJson.xywh(fit.box()));
                    box = fit.box();
                }
            }
            return new Tag(annId, categoryId.getAsLong(), box);
        }
    }

    private static final class ImageEntry {
        final long id;
        final String fileName;
        final int widthPx;
        final int heightPx;
        final List<Tag> tags = new ArrayList<>();

        ImageEntry(long id, String fileName, int widthPx, int heightPx) {
            this.id = id;
            this.fileName = fileName;
            this.widthPx = widthPx;
            this.heightPx = heightPx;
        }
    }
}
