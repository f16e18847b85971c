package org.boxrefine.io.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.ImageSize;
import org.boxrefine.dataset.Preflight;
import org.boxrefine.dataset.Problems;
import org.boxrefine.dataset.Tag;

/**
 * Fuzzes the COCO reader with random bytes, byte-level mutations of a valid file and random values in its fields:
 * it must return a data set whose tags are sound or throw an {@link IOException} (its documented error), never
 * anything else, and never hang.
 */
class CocoReaderFuzzTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALID = """
            {"info": {"description": "fuzz"},
             "images": [{"id": 1, "file_name": "a.png", "width": 40, "height": 30},
                        {"id": 2, "file_name": "b/c.jpg", "width": 64, "height": 48},
                        {"id": 3, "file_name": "d.png"}],
             "annotations": [
               {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 10, 12], "area": 120, "iscrowd": 0},
               {"id": 2, "image_id": 1, "category_id": 2, "bbox": [20.5, 3.25, 15, 20]},
               {"id": 3, "image_id": 2, "category_id": 1, "bbox": [0, 0, 64, 48]},
               {"id": 4, "image_id": 3, "category_id": 1, "bbox": [-5, 5, 30, 30]}],
             "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog", "supercategory": "animal"}]}
            """;
    private static final String[] TOKENS = {"null", "true", "-1", "0", "1e999", "-1e999", "NaN", "Infinity",
        "1.5", "9223372036854775808", "\"x\"", "\"\"", "[", "]", "{", "}", ",", ":", "\"id\"", "\"bbox\"",
        "\"images\"", "[1,2,3,4]", "[]", "{}", "\\u0000", "\"\\ud800\""};

    private static Path dir;

    @BeforeContainer
    static void makeFolder() throws IOException {
        dir = Files.createTempDirectory("coco-fuzz");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 200)
    void randomBytesAreReadOrRejected(@ForAll("bytes") byte[] content) {
        readsOrThrowsIoException(content);
    }

    @Property(tries = 200)
    void mutatedFilesAreReadOrRejected(@ForAll("seeds") long seed) {
        Random rnd = new Random(seed);
        StringBuilder text = new StringBuilder(VALID);
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = rnd.nextInt(text.length());
            switch (rnd.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 2 -> text.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                case 3 -> text.setLength(at);
                default -> text.replace(at, Math.min(text.length(), at + rnd.nextInt(20)),
                        TOKENS[rnd.nextInt(TOKENS.length)]);
            }
        }
        readsOrThrowsIoException(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void randomFieldValuesAreReadOrRejected(@ForAll("seeds") long seed) throws IOException {
        Random rnd = new Random(seed);
        ObjectNode doc = (ObjectNode) JSON.readTree(VALID);
        int edits = 1 + rnd.nextInt(5);
        for (int e = 0; e < edits; e++) {
            replaceRandomValue(doc, rnd);
        }
        readsOrThrowsIoException(JSON.writeValueAsBytes(doc));
    }

    /** Replaces one value somewhere in the tree (an object field or an array element) with a random value. */
    private static void replaceRandomValue(JsonNode node, Random rnd) {
        JsonNode current = node;
        while (true) {
            List<String> names = new java.util.ArrayList<>();
            current.fieldNames().forEachRemaining(names::add);
            int size = current.isObject() ? names.size() : current.size();
            if (size == 0) {
                return;
            }
            int k = rnd.nextInt(size);
            JsonNode child = current.isObject() ? current.get(names.get(k)) : current.get(k);
            if (child.isContainerNode() && rnd.nextInt(3) > 0) {
                current = child;
                continue;
            }
            JsonNode value = randomValue(rnd, 2);
            if (current instanceof ObjectNode o) {
                o.set(names.get(k), value);
            } else {
                ((ArrayNode) current).set(k, value);
            }
            return;
        }
    }

    private static JsonNode randomValue(Random rnd, int depth) {
        var f = JSON.getNodeFactory();
        return switch (rnd.nextInt(depth > 0 ? 10 : 8)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(rnd.nextBoolean());
            case 2 -> f.numberNode(rnd.nextInt(201) - 100);
            case 3 -> f.numberNode(new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308, 0.5, -1e-9}[rnd.nextInt(6)]);
            case 4 -> f.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 5 -> f.numberNode(Long.MIN_VALUE);
            case 6 -> f.textNode(new String[] {"", "a.png", "../../etc/passwd", "x\u0000y", "1"}[rnd.nextInt(5)]);
            case 7 -> f.numberNode(rnd.nextInt(4) + 1);
            case 8 -> {
                ArrayNode a = f.arrayNode();
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(rnd, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = f.objectNode();
                for (String k : new String[] {"id", "image_id", "bbox", "file_name", "width", "height"}) {
                    if (rnd.nextBoolean()) {
                        o.set(k, randomValue(rnd, depth - 1));
                    }
                }
                yield o;
            }
        };
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ \nabcdinulltrue").ofMaxLength(400)
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Reads the content as a COCO file: either it reads and its tags are sound, or an IOException names the file. */
    private static void readsOrThrowsIoException(byte[] content) {
        assertTimeoutPreemptively(LIMIT, () -> {
            Path file = dir.resolve("fuzz.json");
            Files.write(file, content);
            CocoDataset d;
            try {
                d = CocoDataset.read(file);
            } catch (IOException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
                return;
            }
            Set<Long> ids = new HashSet<>();
            for (ImageRecord r : d.images()) {
                for (Tag t : r.tags()) {
                    assertThat(ids.add(t.annotationId())).as("annotation ids are unique").isTrue();
                    assertThat(t.box().widthPx()).isPositive();
                    assertThat(t.box().heightPx()).isPositive();
                    if (r.widthPx() > 0 && r.heightPx() > 0) {
                        assertThat(t.box().x1Px()).isLessThanOrEqualTo(r.widthPx());
                        assertThat(t.box().y1Px()).isLessThanOrEqualTo(r.heightPx());
                    }
                }
            }
            assertThat(d.warnings()).allSatisfy(w -> assertThat(w).startsWith(file.toString()));
            Problems problems = new Problems();
            Preflight.check(d.images(), r -> { throw new IOException("no pixels in the fuzz test"); }, problems);
            Preflight.check(d.images(), new SizeOnly(), problems);
            CocoResultWriter.writeFile(d, Map.of(), dir.resolve("written.json"));
        });
    }

    /** An image source that knows sizes only: the declared one, or 50x40. */
    private static final class SizeOnly implements org.boxrefine.dataset.ImageSource {
        @Override
        public org.boxrefine.image.RgbImage load(ImageRecord record) throws IOException {
            throw new IOException("no pixels in the fuzz test");
        }

        @Override
        public ImageSize size(ImageRecord record) {
            return record.widthPx() > 0 && record.heightPx() > 0 ? new ImageSize(record.widthPx(), record.heightPx())
                    : new ImageSize(50, 40);
        }
    }
}
