package org.boxrefine.model;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.boxrefine.patch.PatchBatch;

/**
 * Run in a fresh JVM by {@link OfflineEngineTest}: records every connection Java's networking is
 * asked to open, starts the engine, trains a step and predicts, then prints what was attempted.
 * With the argument {@code control} it opens a URL first, to show the recorder works.
 */
public final class OfflineProbe {
    public static void main(String[] args) throws Exception {
        List<URI> attempts = new CopyOnWriteArrayList<>();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        if (args.length > 0 && args[0].equals("control")) {
            try {
                new URL("http://boxrefine-offline-probe.invalid/").openStream().close();
            } catch (IOException expected) {
                // the host does not exist; only the attempt matters
            }
        }
        EngineSetup.start(1);
        try (PatchClassifier c = PatchClassifier.create(NetArch.DENSE, 1)) {
            float[] px = new float[4 * 3 * 35 * 35];
            c.train(List.of(new PatchBatch(4, 35, px, new float[] {0, 1, 0, 1})).iterator(), 1, TrainConfig.defaults(1),
                    TrainingListener.NONE);
            c.predictDense(new float[3 * 40 * 40], 40, 40);
        }
        System.out.println("threads=" + EngineSetup.engineThreads());
        for (URI u : attempts) {
            System.out.println("ATTEMPT " + u);
        }
        System.out.println("PROBE-DONE");
    }
}
