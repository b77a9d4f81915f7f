package dev.cumulus.ps;

/** How the parameter server applies the gradients workers push. */
public enum SyncMode {
    /**
     * Bulk-synchronous: the gradients of round r are summed in worker-rank order and, once every
     * worker's has arrived, the optimiser takes one step with their mean; then round r + 1's model exists.
     */
    BSP,
    /** Asynchronous: each gradient is applied on arrival; the model's round counts the updates applied. */
    ASP
}
