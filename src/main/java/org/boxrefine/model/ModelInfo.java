package org.boxrefine.model;

import java.util.Map;

/**
 * Provenance saved with every model: what network, trained on what, how, when and with which
 * versions, plus the settings needed to apply it the same way.
 *
 * @param arch      the network
 * @param createdAt ISO-8601 time of training
 * @param software  boxrefine's version
 * @param engine    deep-learning engine and version
 * @param dataset   the annotations trained on (as given by the user)
 * @param images    images trained on
 * @param tags      tags trained on
 * @param seed      the run's seed
 * @param settings  the refine configuration, as names and values
 */
public record ModelInfo(NetArch arch, String createdAt, String software, String engine, String dataset, int images,
        int tags, long seed, Map<String, Object> settings) {
    public ModelInfo {
        settings = Map.copyOf(settings);
    }
}
