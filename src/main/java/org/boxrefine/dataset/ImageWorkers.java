package org.boxrefine.dataset;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs a job per image on a few threads, at most as many images in flight as threads, and hands the results to a
 * sink in record order on the calling thread, so output order and memory do not depend on the thread count. With
 * one thread the jobs run on the calling thread.
 *
 * @param <T> a job's result
 */
public final class ImageWorkers<T> implements AutoCloseable {
    /** One image's work. */
    @FunctionalInterface
    public interface Job<T> {
        T run(ImageRecord record) throws IOException;
    }

    /** Receives each image's result, or why it failed, in record order. */
    public interface Sink<T> {
        void accept(ImageRecord record, T result) throws IOException;

        /** The image's job or {@link #accept} failed; throwing stops the run. */
        void failed(ImageRecord record, IOException cause) throws IOException;
    }

    /**
     * {@code job}, with its failures turned into this image's problem ({@link ImageLoadException}) instead of ending
     * the run: running out of heap, and any unexpected runtime error while doing {@code stage} ("refining", ...).
     *
     * @param describe names an image's file for the message
     */
    public static <T> Job<T> guarded(Job<T> job, Function<ImageRecord, String> describe, String stage) {
        return r -> {
            try {
                return job.run(r);
            } catch (OutOfMemoryError e) {
                throw ImageLoadException.outOfMemory(describe.apply(r), e);
            } catch (RuntimeException e) {
                throw ImageLoadException.unexpected(describe.apply(r), stage, e);
            }
        };
    }

    private final int threads;
    private final ExecutorService pool;

    /** @param threads how many images are worked on at once, at least 1 */
    public ImageWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("workers must be at least 1, found " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "boxrefine-image");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code job} on every record. An image whose job or sink fails with an {@link IOException} goes to
     * {@link Sink#failed}, which may throw to stop the run; runtime exceptions and errors stop it too.
     *
     * @return the number of images that succeeded
     */
    public int run(List<ImageRecord> records, Job<T> job, Sink<T> sink) throws IOException {
        int ok = 0;
        if (pool == null) {
            for (ImageRecord r : records) {
                ok += deliver(r, () -> job.run(r), sink);
            }
            return ok;
        }
        Deque<Future<T>> inFlight = new ArrayDeque<>();
        Deque<ImageRecord> pending = new ArrayDeque<>();
        for (ImageRecord r : records) {
            if (inFlight.size() == threads) {
                ok += await(pending.poll(), inFlight.poll(), sink);
            }
            inFlight.add(pool.submit(() -> job.run(r)));
            pending.add(r);
        }
        while (!inFlight.isEmpty()) {
            ok += await(pending.poll(), inFlight.poll(), sink);
        }
        return ok;
    }

    private int await(ImageRecord r, Future<T> f, Sink<T> sink) throws IOException {
        return deliver(r, () -> {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while refining " + r.fileName(), e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw (RuntimeException) c;
            }
        }, sink);
    }

    @FunctionalInterface
    private interface Step<T> {
        T get() throws IOException;
    }

    private static <T> int deliver(ImageRecord r, Step<T> step, Sink<T> sink) throws IOException {
        try {
            sink.accept(r, step.get());
            return 1;
        } catch (IOException e) {
            sink.failed(r, e);
            return 0;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
