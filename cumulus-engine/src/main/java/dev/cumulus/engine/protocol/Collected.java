package dev.cumulus.engine.protocol;

import dev.cumulus.engine.metrics.EpochRecord;
import java.util.List;

/** What a protocol's functions produced: the trained parameters and the loss after each epoch. */
public record Collected(float[] parameters, List<EpochRecord> curve) {
    public Collected {
        curve = List.copyOf(curve);
    }
}
