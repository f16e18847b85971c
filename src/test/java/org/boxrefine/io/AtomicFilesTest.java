package org.boxrefine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/a.txt");
        AtomicFiles.write(target, os -> os.write("first".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(target)).isEqualTo("first");

        assertThatThrownBy(() -> AtomicFiles.write(target, os -> {
            os.write("second".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk gone");
        })).isInstanceOf(OutputException.class).hasMessage(target + ": cannot write: disk gone");

        assertThat(Files.readString(target)).isEqualTo("first");
        assertThat(files()).containsExactly("sub/a.txt");
    }

    @Test
    void severalFilesAreWrittenTogetherOrNoneIs() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("deeper/b.json");
        AtomicFiles.writeAll(List.of(a, b), out -> {
            out.get(0).write('A');
            out.get(1).write('B');
            out.get(0).write('a');
        });
        assertThat(Files.readString(a)).isEqualTo("Aa");
        assertThat(Files.readString(b)).isEqualTo("B");

        assertThatThrownBy(() -> AtomicFiles.writeAll(List.of(a, b), out -> {
            out.get(0).write('X');
            throw new IllegalStateException("stopped");
        })).isInstanceOf(OutputException.class).hasMessage(a + ": cannot write: stopped");
        assertThat(Files.readString(a)).isEqualTo("Aa");
        assertThat(Files.readString(b)).isEqualTo("B");
        assertThat(files()).containsExactly("a.json", "deeper/b.json");
    }

    @Test
    void theFileWhoseStreamFailedIsNamed() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertThatThrownBy(() -> AtomicFiles.writeAll(List.of(a, b), out -> {
            out.get(0).write('A');
            out.get(1).close();
            out.get(1).write(new byte[1 << 16]);
        })).isInstanceOf(OutputException.class).hasMessageStartingWith(b + ": cannot write: ");
        assertThat(files()).isEmpty();
    }
}
