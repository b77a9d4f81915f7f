package dev.cumulus.engine.protocol;


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

    /** One invocation's timeline: a worker with successors has several. */
    public String timeline(RoleSpec function, String invocationId) {
        return prefix() + "timeline/" + function.id() + "/" + invocationId;
    }

    /** The requests one invocation made to the run's store, for its storage cost. */
    public String requests(RoleSpec function, String invocationId) {
        return prefix() + "requests/" + function.id() + "/" + invocationId;
    }

    public String allRequests() {
        return prefix() + "requests/";
    }

    public String timelines() {
        return prefix() + "timeline/";
    }

    /** Present while this function is alive (written with an expiry). */
    public String heartbeat(RoleSpec function) {
        return prefix() + "heartbeat/" + function.id();
    }

    /** Written once when this function has finished its part of the run. */
    public String done(RoleSpec function) {
        return prefix() + "done/" + function.id();
    }

    /** A worker's own checkpoint, written when it hands over to its successor. */
    public String checkpoint(int rank) {
        return prefix() + "checkpoint/" + rank;
    }

    /** The state every worker shares under BSP, written by rank 0 after every round. */
    public String sharedCheckpoint() {
        return prefix() + "checkpoint/shared";
    }
}
