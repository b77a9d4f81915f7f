package dev.cumulus.ps;

import dev.cumulus.optim.OptimizerSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a parameter server is initialised with: the model it holds and how it trains it. Initialising
 * twice with the same values is a no-op (a re-invoked driver may repeat it); with other values it
 * is refused, naming the field that differs.
 *
 * @param modelId    names the run's model, non-blank, at most 200 characters
 * @param parameters the initial parameter vector (copied; never changed by the server)
 * @param optimizer  the update rule the server applies
 * @param workers    how many workers push, ranks 0 to workers - 1
 * @param mode       BSP or ASP
 */
public record ModelInit(String modelId, float[] parameters, OptimizerSpec optimizer, int workers, SyncMode mode) {

    /** The longest model id accepted. */
    public static final int MAX_MODEL_ID_LENGTH = 200;

    public ModelInit {
        if (modelId == null || modelId.isBlank() || modelId.length() > MAX_MODEL_ID_LENGTH) {
            throw new IllegalArgumentException("Invalid model id '" + modelId + "': expected 1 to "
                    + MAX_MODEL_ID_LENGTH + " characters, not blank");
        }
        parameters = Objects.requireNonNull(parameters, "parameters").clone();
        Objects.requireNonNull(optimizer, "optimizer");
        if (workers < 1) {
            throw new IllegalArgumentException("Invalid workers " + workers + " for model '" + modelId + "': expected >= 1");
        }
        Objects.requireNonNull(mode, "mode");
    }

    /** A copy of the initial parameters. */
    @Override
    public float[] parameters() {
        return parameters.clone();
    }

    /** Equal when every field is, the initial parameters compared value by value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ModelInit o && modelId.equals(o.modelId) && Arrays.equals(parameters, o.parameters)
                && optimizer.equals(o.optimizer) && workers == o.workers && mode == o.mode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, Arrays.hashCode(parameters), optimizer, workers, mode);
    }

    @Override
    public String toString() {
        return "ModelInit[modelId=" + modelId + ", parameters=" + parameters.length + " values, optimizer=" + optimizer
                + ", workers=" + workers + ", mode=" + mode + "]";
    }

    int parameterCount() {
        return parameters.length;
    }

    float[] parametersUnsafe() {
        return parameters;
    }
}
