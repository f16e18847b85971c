package org.boxrefine.model;

import ai.djl.engine.Engine;

/**
 * Starts the PyTorch engine offline (natives from the Maven jars, no download, no telemetry) and
 * sizes its thread pools so that PyTorch plus the caller's own threads never exceed the cores.
 */
public final class EngineSetup {
    private static volatile int configuredThreads = -1;

    private EngineSetup() {
    }

    /**
     * Makes the engine run offline with {@code intraOpThreads} compute threads and one inter-op
     * thread. Call before any other use of the model package; later calls change the thread count.
     *
     * @return the engine's name and version, for provenance
     */
    public static synchronized String start(int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + intraOpThreads);
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        Engine engine = Engine.getEngine("PyTorch");
        if (configuredThreads != -1 && configuredThreads != intraOpThreads) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(intraOpThreads);
        }
        configuredThreads = intraOpThreads;
        return engine.getEngineName() + " " + engine.getVersion();
    }

    /** DJL's version, for provenance. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /** The intra-op thread count PyTorch reports. */
    public static int engineThreads() {
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }
}
