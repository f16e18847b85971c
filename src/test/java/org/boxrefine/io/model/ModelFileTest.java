package org.boxrefine.io.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.boxrefine.model.ModelInfo;
import org.boxrefine.model.NetArch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance and the errors of model files; loading a network is covered by the CLI tests. */
class ModelFileTest {
    @TempDir
    Path dir;

    private static final ModelInfo INFO = new ModelInfo(NetArch.values()[0], "2024-01-02T03:04:05Z", "1.2", "PyTorch",
            "0.30", "boxes.json", "abc", 3, 7, 42, Map.of("patch", 32));

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void readInfoGivesTheProvenanceWithoutTheParameters() throws IOException {
        Path file = zip("m.zip", Map.of(ModelFile.INFO, new ObjectMapper().writeValueAsBytes(INFO)));

        assertThat(ModelFile.readInfo(file)).isEqualTo(INFO);
        assertThatThrownBy(() -> ModelFile.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": not a boxrefine model (needs model.json and parameters.djl)");
    }

    @Test
    void badModelFilesAreNamedWithTheReason() throws IOException {
        Path missing = dir.resolve("none.zip");
        Path text = dir.resolve("text.zip");
        Files.writeString(text, "not a zip");
        Path noInfo = zip("noinfo.zip", Map.of(ModelFile.PARAMETERS, new byte[] {1, 2}));
        Path badJson = zip("badjson.zip", Map.of(ModelFile.INFO, "{\"arch\": ".getBytes(),
                ModelFile.PARAMETERS, new byte[] {1, 2}));

        assertThatThrownBy(() -> ModelFile.readInfo(missing)).hasMessage(missing + ": model file not found");
        assertThatThrownBy(() -> ModelFile.read(missing)).hasMessage(missing + ": model file not found");
        assertThatThrownBy(() -> ModelFile.readInfo(text)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(text + ": not a boxrefine model: ");
        assertThatThrownBy(() -> ModelFile.read(text)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(text + ": not a boxrefine model: ");
        assertThatThrownBy(() -> ModelFile.readInfo(noInfo)).isInstanceOf(IOException.class)
                .hasMessage(noInfo + ": not a boxrefine model (needs model.json)");
        assertThatThrownBy(() -> ModelFile.read(noInfo)).isInstanceOf(IOException.class)
                .hasMessage(noInfo + ": not a boxrefine model (needs model.json and parameters.djl)");
        String info = catchMessage(() -> ModelFile.readInfo(badJson));
        assertThat(info).startsWith(badJson + ": ").contains("end-of-input");
        assertThat(catchMessage(() -> ModelFile.read(badJson))).as("read reports it as readInfo does").isEqualTo(info);
    }

    private interface Call {
        void run() throws IOException;
    }

    private static String catchMessage(Call call) {
        try {
            call.run();
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an IOException");
    }
}
