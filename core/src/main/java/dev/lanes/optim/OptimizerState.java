package dev.lanes.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The complete state of an optimizer, detached from it: importing it into an optimizer of the
 * same algorithm, hyper-parameters and parameter shapes makes that optimizer continue
 * bit-identically (see {@link Optimizer#exportState()} and {@link Optimizer#importState}).
 *
 * <p>The record holds deep copies: changing the optimizer afterwards does not change it, and
 * {@link Optimizer#importState} copies the arrays in again.
 *
 * @param algorithm       the optimizer's algorithm name, e.g. {@code "Adam"}
 * @param steps           steps taken (the counter that bias corrections and schedules read)
 * @param skippedSteps    steps skipped for non-finite gradients
 * @param hyperParameters every hyper-parameter that shapes the update (booleans as 0/1, per-group
 *                        weight decays as {@code group<i>.weightDecay}); learning-rate schedules are
 *                        functions and are not included
 * @param parameters      per parameter name, its state arrays by name (PyTorch's names where there
 *                        is one: {@code exp_avg}, {@code exp_avg_sq}, {@code momentum_buffer}, …);
 *                        per-parameter scalars such as ASGD's {@code eta} are arrays of length 1
 */
public record OptimizerState(String algorithm, long steps, long skippedSteps, Map<String, Double> hyperParameters,
                             Map<String, Map<String, float[]>> parameters) {

    /** Makes deep, unmodifiable copies. */
    public OptimizerState {
        Objects.requireNonNull(algorithm, "algorithm");
        hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        Map<String, Map<String, float[]>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, float[]>> e : parameters.entrySet()) {
            Map<String, float[]> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> a : e.getValue().entrySet()) {
                arrays.put(a.getKey(), a.getValue().clone());
            }
            copy.put(e.getKey(), Collections.unmodifiableMap(arrays));
        }
        parameters = Collections.unmodifiableMap(copy);
    }

    /** The state array {@code name} of parameter {@code param} (not a copy), or null. */
    public float[] array(String param, String name) {
        Map<String, float[]> arrays = parameters.get(param);
        return arrays == null ? null : arrays.get(name);
    }
}
