package dev.cumulus.engine;

/**
 * Names of everything a run keeps in its channel, under one prefix per run so that runs sharing
 * a store never collide and a run's keys can be cleaned up together.
 */
public record RunKeys(String runId) {

    public String prefix() {
        return "runs/" + runId + "/";
    }

    public String chunk(int rank) {
        return prefix() + "data/chunk-" + rank;
    }

    public String collective(String name) {
        return prefix() + "x/" + name;
    }

    /** The model every worker starts from, when the driver chooses it (k-means centroids). */
    public String initialModel() {
        return prefix() + "model-initial";
    }

    public String model() {
        return prefix() + "model";
    }

    public String curve() {
        return prefix() + "curve";
    }

    public String timeline(int rank) {
        return prefix() + "timeline/" + rank;
    }
}
