package org.boxrefine.io.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.boxrefine.io.AtomicFiles;
import org.boxrefine.model.ModelInfo;
import org.boxrefine.model.PatchClassifier;
import org.boxrefine.refine.ShapePriors;

/**
 * A trained model on disk: a zip holding {@code model.json} (the {@link ModelInfo} provenance),
 * {@code parameters.djl} (DJL's parameter format) and, when training learned them,
 * {@code shape-priors.json} (the {@link ShapePriors}).
 */
public final class ModelFile {
    static final String INFO = "model.json";
    static final String PARAMETERS = "parameters.djl";
    static final String SHAPES = "shape-priors.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /**
     * A loaded model: its provenance, the classifier (close it) and the shape priors learned with it (null in a
     * model saved without them).
     */
    public record Loaded(ModelInfo info, PatchClassifier classifier, ShapePriors shapePriors) {
    }

    /**
     * Writes a model, whole or not at all: its provenance, the classifier's parameters and, unless null, the shape
     * priors learned with it.
     */
    public static void write(Path file, ModelInfo info, PatchClassifier classifier, ShapePriors shapePriors)
            throws IOException {
        AtomicFiles.write(file, os -> {
            ZipOutputStream zip = new ZipOutputStream(os);
            zip.putNextEntry(new ZipEntry(INFO));
            zip.write(JSON.writeValueAsBytes(info));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(PARAMETERS));
            classifier.writeParameters(zip);
            zip.closeEntry();
            if (shapePriors != null) {
                zip.putNextEntry(new ZipEntry(SHAPES));
                zip.write(JSON.writeValueAsBytes(shapePriors));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Reads only the provenance ({@code model.json}) of a model file, without loading the network. */
    public static ModelInfo readInfo(Path file) throws IOException {
        return withZip(file, zip -> info(zip, entry(file, zip, INFO, INFO)));
    }

    /** Reads a model: its provenance and the classifier (close it). */
    public static Loaded read(Path file) throws IOException {
        return withZip(file, zip -> {
            String needs = INFO + " and " + PARAMETERS;
            ZipEntry infoEntry = entry(file, zip, INFO, needs);
            ZipEntry paramEntry = entry(file, zip, PARAMETERS, needs);
            ModelInfo info = info(zip, infoEntry);
            ShapePriors shapes = shapes(zip);
            try (InputStream in = zip.getInputStream(paramEntry)) {
                return new Loaded(info, PatchClassifier.read(info.arch(), new BufferedInputStream(in)), shapes);
            }
        });
    }

    @FunctionalInterface
    private interface ZipJob<T> {
        T run(ZipFile zip) throws IOException;
    }

    /** Opens a model file and runs {@code job} on it; every error names the file. */
    private static <T> T withZip(Path file, ZipJob<T> job) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": model file not found");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return job.run(zip);
        } catch (ZipException e) {
            throw new IOException(file + ": not a boxrefine model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The entry {@code name}; when it is missing, the error says the file needs {@code needs}. */
    private static ZipEntry entry(Path file, ZipFile zip, String name, String needs) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException(file + ": not a boxrefine model (needs " + needs + ")");
        }
        return entry;
    }

    /** The shape priors, or null when the model has none. */
    private static ShapePriors shapes(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(SHAPES);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return JSON.readValue(in, ShapePriors.class);
        } catch (IOException e) {
            throw new IOException(SHAPES + ": " + e.getMessage(), e);
        }
    }

    private static ModelInfo info(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return JSON.readValue(in, ModelInfo.class);
        }
    }
}
