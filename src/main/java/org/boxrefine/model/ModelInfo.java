package org.boxrefine.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance saved with every model: what network, trained on what, how, when and with which
 * versions, plus every setting needed to apply it the same way.
 *
 * @param arch          the network
 * @param createdAt     ISO-8601 time of training
 * @param software      boxrefine's version
 * @param engine        deep-learning engine and version (PyTorch)
 * @param djl           DJL's version (null in models saved before it was recorded)
 * @param dataset       the annotations trained on (as given by the user)
 * @param datasetSha256 SHA-256 of the annotations' content (null in models saved before it was recorded)
 * @param images        images trained on
 * @param tags          tags trained on
 * @param seed          the run's seed
 * @param settings      the refine configuration, as names and values (see {@code refine.RefineSettings})
 */
public record ModelInfo(NetArch arch, String createdAt, String software, String engine, String djl, String dataset,
        String datasetSha256, int images, int tags, long seed, Map<String, Object> settings) {
    public ModelInfo {
        if (arch == null || settings == null) {
            throw new IllegalArgumentException("model provenance needs the network and the settings, found arch "
                    + arch + " and settings " + settings);
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
