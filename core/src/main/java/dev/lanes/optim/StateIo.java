package dev.lanes.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Copies an optimizer's state out to an {@link OptimizerState} and, after checking it fits, back in. */
final class StateIo {
    private StateIo() {}

    /** A deep copy of the state of {@code slots}. */
    static OptimizerState export(String algorithm, long steps, long skipped, Map<String, Double> hyper,
                                 Slot[] slots, String[] arrayNames, String[] scalarNames) {
        Map<String, Map<String, float[]>> perParam = new LinkedHashMap<>();
        for (Slot s : slots) {
            Map<String, float[]> named = new LinkedHashMap<>();
            for (int k = 0; k < arrayNames.length; k++) {
                named.put(arrayNames[k], s.arrays[k]);
            }
            for (int k = 0; k < scalarNames.length; k++) {
                named.put(scalarNames[k], new float[] {s.scalars[k]});
            }
            perParam.put(s.param.name(), named);
        }
        return new OptimizerState(algorithm, steps, skipped, hyper, perParam);
    }

    /**
     * Checks that {@code state} fits an optimizer of {@code algorithm} with hyper-parameters
     * {@code mine} over {@code slots}, without changing anything.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    static void check(OptimizerState state, String algorithm, Map<String, Double> mine, Slot[] slots,
                      String[] arrayNames, String[] scalarNames) {
        Objects.requireNonNull(state, "state");
        if (!state.algorithm().equals(algorithm)) {
            throw new IllegalArgumentException("state is for " + state.algorithm() + ", not " + algorithm);
        }
        if (state.steps() < 0 || state.skippedSteps() < 0) {
            throw new IllegalArgumentException("state has negative counters: steps " + state.steps()
                    + ", skipped " + state.skippedSteps());
        }
        if (!mine.keySet().equals(state.hyperParameters().keySet())) {
            throw new IllegalArgumentException("state has hyper-parameters " + state.hyperParameters().keySet()
                    + ", this optimizer " + mine.keySet());
        }
        for (Map.Entry<String, Double> e : mine.entrySet()) {
            Double theirs = state.hyperParameters().get(e.getKey());
            if (theirs == null || Double.compare(theirs, e.getValue()) != 0) {
                throw new IllegalArgumentException("hyper-parameter " + e.getKey() + " is " + theirs
                        + " in the state but " + e.getValue() + " in this optimizer");
            }
        }
        if (state.parameters().size() != slots.length) {
            throw new IllegalArgumentException("state has " + state.parameters().size() + " parameters "
                    + state.parameters().keySet() + ", this optimizer " + slots.length);
        }
        for (Slot s : slots) {
            String p = s.param.name();
            Map<String, float[]> named = state.parameters().get(p);
            if (named == null) {
                throw new IllegalArgumentException("state has no parameter '" + p + "'");
            }
            if (named.size() != arrayNames.length + scalarNames.length) {
                throw new IllegalArgumentException("parameter '" + p + "': state has arrays " + named.keySet()
                        + ", expected " + Arrays.toString(arrayNames) + " and " + Arrays.toString(scalarNames));
            }
            for (String name : arrayNames) {
                checkArray(p, name, named.get(name), s.length());
            }
            for (String name : scalarNames) {
                checkArray(p, name, named.get(name), 1);
            }
        }
    }

    /** Copies a checked state into {@code slots}. */
    static void load(OptimizerState state, Slot[] slots, String[] arrayNames, String[] scalarNames) {
        for (Slot s : slots) {
            Map<String, float[]> named = state.parameters().get(s.param.name());
            for (int k = 0; k < arrayNames.length; k++) {
                System.arraycopy(named.get(arrayNames[k]), 0, s.arrays[k], 0, s.length());
            }
            for (int k = 0; k < scalarNames.length; k++) {
                s.scalars[k] = named.get(scalarNames[k])[0];
            }
        }
    }

    private static void checkArray(String param, String name, float[] a, int length) {
        if (a == null) {
            throw new IllegalArgumentException("parameter '" + param + "': state has no array '" + name + "'");
        }
        if (a.length != length) {
            throw new IllegalArgumentException("parameter '" + param + "': state array '" + name
                    + "' has length " + a.length + ", expected " + length);
        }
    }
}
