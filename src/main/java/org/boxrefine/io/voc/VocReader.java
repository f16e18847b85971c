package org.boxrefine.io.voc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.boxrefine.dataset.BoxSet;
import org.boxrefine.dataset.ImageRecord;
import org.boxrefine.dataset.Tag;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.io.CategoryTable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads Pascal VOC XML annotations: one {@code <annotation>} file per image, each {@code <object>} a box
 * {@code <bndbox>} with 1-based inclusive corners. Pixel {@code xmin} (1-based) is pixel {@code xmin - 1} (0-based),
 * and {@code xmax} is the last pixel inside, so the half-open box is {@code [xmin - 1, xmax)}.
 *
 * <p>The input is an XML file, a folder of XML files, or a VOC root holding {@code Annotations/} (and
 * {@code JPEGImages/}, the default image folder). Files are read in name order; image ids count from 1 per file,
 * annotation ids from 1 over all objects in order, category ids from 1 in order of the names' first use.
 * A malformed file is reported (with line and column) and skipped; a bad object is reported and skipped.
 */
public final class VocReader {
    private VocReader() {
    }

    /**
     * @param input       an XML file, a folder of them, or a VOC root
     * @param imageFolder where {@code <filename>} is looked up; null for {@code JPEGImages/} beside the annotations
     *                    (or the annotations' own folder when there is none)
     * @throws IOException when the input does not exist or holds no XML file
     */
    public static BoxSet read(Path input, Path imageFolder) throws IOException {
        List<Path> files = xmlFiles(input);
        Path xmlFolder = files.get(0).toAbsolutePath().getParent();
        Path folder = imageFolder != null ? imageFolder : defaultImageFolder(input, xmlFolder);
        DocumentBuilder builder = builder();
        CategoryTable categories = new CategoryTable();
        List<ImageRecord> images = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long nextAnnotation = 1;
        for (Path file : files) {
            Document doc;
            try (InputStream in = Files.newInputStream(file)) {
                doc = builder.parse(in);
            } catch (SAXParseException e) {
                warnings.add(file + ": malformed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                        + ": " + e.getMessage() + "; file skipped");
                continue;
            } catch (SAXException | IOException e) {
                warnings.add(file + ": cannot read XML: " + e.getMessage() + "; file skipped");
                continue;
            }
            Element root = doc.getDocumentElement();
            if (!"annotation".equals(root.getTagName())) {
                warnings.add(file + ": expected an <annotation> root element, found <" + root.getTagName()
                        + ">; file skipped");
                continue;
            }
            String fileName = text(root, "filename");
            if (fileName == null || fileName.isBlank()) {
                warnings.add(file + ": no <filename>; file skipped");
                continue;
            }
            int w = 0;
            int h = 0;
            Element size = child(root, "size");
            if (size != null) {
                try {
                    w = positiveInt(text(size, "width"), "size/width");
                    h = positiveInt(text(size, "height"), "size/height");
                } catch (IllegalArgumentException e) {
                    warnings.add(file + ": " + e.getMessage() + "; image size treated as unknown");
                    w = 0;
                    h = 0;
                }
            }
            List<Tag> tags = new ArrayList<>();
            NodeList objects = root.getElementsByTagName("object");
            for (int i = 0; i < objects.getLength(); i++) {
                Element o = (Element) objects.item(i);
                if (o.getParentNode() != root) {
                    continue;
                }
                String name = text(o, "name");
                String at = file + ": object " + (i + 1) + (name == null ? "" : " ('" + name + "')");
                if (name == null || name.isBlank()) {
                    warnings.add(at + ": no <name>; object skipped");
                    continue;
                }
                BoxPx box;
                try {
                    box = box(o);
                } catch (IllegalArgumentException e) {
                    warnings.add(at + ": " + e.getMessage() + "; object skipped");
                    continue;
                }
                if (w > 0 && h > 0) {
                    BoxPx clipped = box.clip(w, h);
                    if (clipped.widthPx() <= 0 || clipped.heightPx() <= 0) {
                        warnings.add(at + ": box lies wholly outside the " + w + "x" + h + " image; object skipped");
                        continue;
                    }
                    box = clipped;
                }
                tags.add(new Tag(nextAnnotation++, categories.idOf(name.strip()), box));
            }
            images.add(new ImageRecord(images.size() + 1L, fileName.strip(), w, h, tags));
        }
        return new BoxSet(input, folder, images, categories.categories(), warnings);
    }

    /** The half-open pixel box of an {@code <object>}'s 1-based inclusive {@code <bndbox>}. */
    static BoxPx box(Element object) {
        Element b = child(object, "bndbox");
        if (b == null) {
            throw new IllegalArgumentException("no <bndbox>");
        }
        double xmin = number(b, "xmin");
        double ymin = number(b, "ymin");
        double xmax = number(b, "xmax");
        double ymax = number(b, "ymax");
        if (xmax < xmin || ymax < ymin) {
            throw new IllegalArgumentException("<bndbox> needs xmax >= xmin and ymax >= ymin, found xmin " + xmin
                    + ", ymin " + ymin + ", xmax " + xmax + ", ymax " + ymax);
        }
        return new BoxPx(xmin - 1, ymin - 1, xmax, ymax);
    }

    private static double number(Element parent, String tag) {
        String t = text(parent, tag);
        if (t == null) {
            throw new IllegalArgumentException("<bndbox> has no <" + tag + ">");
        }
        try {
            double v = Double.parseDouble(t.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("<" + tag + "> must be a number, found '" + t.strip() + "'");
    }

    private static int positiveInt(String t, String what) {
        if (t == null) {
            throw new IllegalArgumentException("<" + what + "> missing");
        }
        try {
            double v = Double.parseDouble(t.strip());
            if (v >= 1 && v == Math.rint(v) && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("<" + what + "> must be a positive whole number, found '" + t.strip() + "'");
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        Element e = child(parent, tag);
        return e == null ? null : e.getTextContent();
    }

    private static List<Path> xmlFiles(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IOException(input + ": VOC annotations not found (expected an XML file or a folder)");
        }
        Path dir = Files.isDirectory(input.resolve("Annotations")) ? input.resolve("Annotations") : input;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no VOC XML files (*.xml) found");
        }
        return files;
    }

    private static Path defaultImageFolder(Path input, Path xmlFolder) {
        Path root = Files.isDirectory(input) ? input.toAbsolutePath() : xmlFolder;
        for (Path p : new Path[] {root.resolve("JPEGImages"), xmlFolder.resolveSibling("JPEGImages")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return xmlFolder;
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser available: " + e.getMessage(), e);
        }
    }
}
