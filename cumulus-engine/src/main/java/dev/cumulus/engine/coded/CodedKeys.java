package dev.cumulus.engine.coded;

import dev.cumulus.engine.protocol.RunKeys;

/** Where a coded run keeps its per-round messages, under the run's prefix. */
record CodedKeys(RunKeys run) {

    /** The model every worker computes round r's gradients on. */
    String model(long round) {
        return run.prefix() + "coded/model/" + round;
    }

    /** The last round whose model was published (a re-invoked worker joins there). */
    String current() {
        return run.prefix() + "coded/current";
    }

    /** Set when training ended (the last epoch, or the target loss reached): the rounds a worker should run. */
    String finished() {
        return run.prefix() + "coded/finished";
    }

    /** How many of its chunks worker j has finished in round r. */
    String progress(long round, int worker) {
        return run.prefix() + "coded/progress/" + round + "/" + worker;
    }

    /** "Encode and transmit": the attempt and the state vector of round r. */
    String encode(long round) {
        return run.prefix() + "coded/encode/" + round;
    }

    /** Worker j's encoded vector for attempt a of round r. */
    String encoded(long round, int attempt, int worker) {
        return run.prefix() + "coded/encoded/" + round + "/" + attempt + "/" + worker;
    }
}
