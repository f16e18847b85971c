package org.boxrefine.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageWorkersTest {
    private static List<ImageRecord> records(int n) {
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new ImageRecord(i, "img_" + i + ".png", 4, 3, List.of()));
        }
        return out;
    }

    /** What the workers handed to the sink, in the order they handed it. */
    private static List<String> sunk(int threads, List<ImageRecord> records, ImageWorkers.Job<Long> job)
            throws IOException {
        List<String> seen = new ArrayList<>();
        try (ImageWorkers<Long> pool = new ImageWorkers<>(threads)) {
            int ok = pool.run(records, job, new ImageWorkers.Sink<>() {
                @Override
                public void accept(ImageRecord r, Long result) {
                    seen.add(r.imageId() + "=" + result);
                }

                @Override
                public void failed(ImageRecord r, IOException cause) {
                    seen.add(r.imageId() + " failed: " + cause.getMessage());
                }
            });
            seen.add("ok " + ok);
        }
        return seen;
    }

    /** Uneven work per image, so that later images often finish first; every fifth image fails. */
    private static Long work(ImageRecord r) throws IOException {
        long id = r.imageId();
        if (id % 5 == 0) {
            throw new IOException("cannot read " + r.fileName());
        }
        SplittableRandom rng = new SplittableRandom(id);
        long sum = 0;
        for (int i = 0, n = (int) ((17 - id % 7) * 20_000); i < n; i++) {
            sum += rng.nextInt(100);
        }
        return id * 1000 + sum % 1000;
    }

    @Test
    void severalThreadsHandTheSinkWhatOneThreadDoesInRecordOrder() throws IOException {
        List<ImageRecord> records = records(23);
        List<String> naive = new ArrayList<>();
        int ok = 0;
        for (ImageRecord r : records) {
            try {
                naive.add(r.imageId() + "=" + work(r));
                ok++;
            } catch (IOException e) {
                naive.add(r.imageId() + " failed: " + e.getMessage());
            }
        }
        naive.add("ok " + ok);
        assertThat(sunk(1, records, ImageWorkersTest::work)).isEqualTo(naive);
        assertThat(sunk(3, records, ImageWorkersTest::work)).isEqualTo(naive);
    }

    @Test
    void aSinkThatThrowsStopsTheRun() {
        List<Long> accepted = new ArrayList<>();
        try (ImageWorkers<Long> pool = new ImageWorkers<>(2)) {
            assertThatThrownBy(() -> pool.run(records(12), ImageWorkersTest::work, new ImageWorkers.Sink<>() {
                @Override
                public void accept(ImageRecord r, Long result) {
                    accepted.add(r.imageId());
                }

                @Override
                public void failed(ImageRecord r, IOException cause) throws IOException {
                    throw new IOException("stop at " + r.fileName(), cause);
                }
            })).isInstanceOf(IOException.class).hasMessage("stop at img_5.png");
        }
        assertThat(accepted).containsExactly(1L, 2L, 3L, 4L);
        assertThatThrownBy(() -> new ImageWorkers<Long>(0)).hasMessageContaining("at least 1, found 0");
    }

    @Test
    void aGuardedJobReportsAnUnexpectedErrorAsThatImagesProblemAndTheOthersGoOn() throws IOException {
        List<ImageRecord> records = records(9);
        ImageWorkers.Job<Long> job = r -> {
            if (r.imageId() == 4) {
                throw new IllegalStateException("capacities found NaN");
            }
            return work(r);
        };
        for (int threads : new int[] {1, 2}) {
            List<IOException> causes = new ArrayList<>();
            List<Long> accepted = new ArrayList<>();
            try (ImageWorkers<Long> pool = new ImageWorkers<>(threads)) {
                int ok = pool.run(records, ImageWorkers.guarded(job, r -> "images/" + r.fileName(), "refining it"),
                        new ImageWorkers.Sink<>() {
                            @Override
                            public void accept(ImageRecord r, Long result) {
                                accepted.add(r.imageId());
                            }

                            @Override
                            public void failed(ImageRecord r, IOException cause) {
                                causes.add(cause);
                            }
                        });
                assertThat(ok).isEqualTo(7);
            }
            assertThat(accepted).as("%d threads", threads).containsExactly(1L, 2L, 3L, 6L, 7L, 8L, 9L);
            assertThat(causes).hasSize(2);
            assertThat(ImageLoadException.reasonOf(causes.get(0))).isEqualTo(Problem.Reason.IMAGE_PROCESSING);
            assertThat(causes.get(0)).hasMessageStartingWith("images/img_4.png: unexpected error while refining it: "
                    + "java.lang.IllegalStateException: capacities found NaN at ")
                    .hasMessageEndingWith("(please report it)").hasCauseInstanceOf(IllegalStateException.class);
            assertThat(ImageLoadException.reasonOf(causes.get(1))).as("an IOException passes unchanged")
                    .isEqualTo(Problem.Reason.IMAGE_FILE);
            assertThat(causes.get(1)).hasMessage("cannot read img_5.png");
        }
    }

    @Test
    void aGuardedJobReportsRunningOutOfHeapAsThatImagesProblem() {
        ImageWorkers.Job<Long> job = ImageWorkers.guarded(r -> {
            throw new OutOfMemoryError("Java heap space");
        }, ImageRecord::fileName, "refining it");
        assertThatThrownBy(() -> job.run(records(1).get(0))).isInstanceOfSatisfying(ImageLoadException.class,
                e -> assertThat(e.reason()).isEqualTo(Problem.Reason.IMAGE_MEMORY))
                .hasMessageContaining("img_1.png: not enough memory");
    }
}
