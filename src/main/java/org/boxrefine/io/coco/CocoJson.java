package org.boxrefine.io.coco;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.io.AtomicFiles;
import org.boxrefine.io.JsonFiles;

/**
 * Shared JSON handling for COCO files: numbers kept as written, errors naming the file and position. {@code NaN}
 * and {@code Infinity} (which Python's json module writes) are read as numbers, so that only the annotation holding
 * one is skipped, not the whole file.
 */
final class CocoJson {
    /** Decimals stay {@link BigDecimal} with their trailing zeros, so a document is written back as it was read. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private static final int SHOWN_CHARS = 80;

    private CocoJson() {
    }

    /** Reads a file holding one JSON object. */
    static ObjectNode readObject(Path file) throws IOException {
        return JsonFiles.readObject(file, MAPPER);
    }

    /** Writes a document atomically, pretty-printed. */
    static void write(Path file, JsonNode document) throws IOException {
        AtomicFiles.write(file, os -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(os, document));
    }

    /** The value of a number that is an exact integer within the range of long; empty otherwise. */
    static OptionalLong integral(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return OptionalLong.empty();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? OptionalLong.of(node.longValue()) : OptionalLong.empty();
        }
        if (node.isBigDecimal()) {
            try {
                BigInteger exact = node.decimalValue().toBigIntegerExact();
                return exact.bitLength() < 64 ? OptionalLong.of(exact.longValue()) : OptionalLong.empty();
            } catch (ArithmeticException e) {
                return OptionalLong.empty();
            }
        }
        double d = node.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 0x1p62 ? OptionalLong.of((long) d) : OptionalLong.empty();
    }

    /**
     * A COCO {@code bbox [x, y, w, h]} as a box.
     *
     * @throws IllegalArgumentException saying what is wrong: not 4 finite numbers, or width or height not positive
     */
    static BoxPx bbox(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("no bbox");
        }
        if (!node.isArray() || node.size() != 4) {
            throw new IllegalArgumentException("bbox must be 4 numbers [x, y, width, height], found " + describe(node));
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            JsonNode n = node.get(i);
            v[i] = n.isNumber() ? n.doubleValue() : Double.NaN;
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException("bbox must be 4 finite numbers [x, y, width, height], found "
                        + describe(node));
            }
        }
        if (v[2] <= 0 || v[3] <= 0) {
            throw new IllegalArgumentException("bbox width and height must be positive, found " + describe(node));
        }
        BoxPx box = BoxPx.fromXywh(v[0], v[1], v[2], v[3]);
        if (box.widthPx() <= 0 || box.heightPx() <= 0) {
            throw new IllegalArgumentException("bbox width and height must be positive at that position (too small"
                    + " for a double to hold beside x or y), found " + describe(node));
        }
        return box;
    }

    /** A number node, an integer when {@code v} is a whole number. */
    static JsonNode number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 0x1p53 ? MAPPER.getNodeFactory().numberNode((long) v)
                : MAPPER.getNodeFactory().numberNode(v);
    }

    /** A box as COCO's {@code [x, y, w, h]} for messages. */
    static String xywh(BoxPx box) {
        double[] v = box.toXywh();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i] == Math.rint(v[i]) ? Long.toString((long) v[i]) : Double.toString(v[i]));
        }
        return sb.append(']').toString();
    }

    /** A short rendering of a node for messages. */
    static String describe(JsonNode node) {
        return JsonFiles.describe(node);
}
}
