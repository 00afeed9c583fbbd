package dev.lanes.vectorops;

import dev.lanes.kernel.LanesMath;
import jdk.incubator.vector.FloatVector;

/**
 * The vector forms of {@link LanesMath}: the same steps, lane by lane, so every lane returns the
 * bits of the scalar function.
 */
final class VectorMath {
    private VectorMath() {}

    // TEMPORARY: lane-by-lane placeholders until the deterministic algorithms land (issue 2, item 5).
    static FloatVector exp(FloatVector x) { return perLane(x, 0); }
    static FloatVector log(FloatVector x) { return perLane(x, 1); }
    static FloatVector tanh(FloatVector x) { return perLane(x, 2); }
    static FloatVector sigmoid(FloatVector x) { return perLane(x, 3); }

    private static FloatVector perLane(FloatVector x, int f) {
        float[] a = x.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] = switch (f) {
                case 0 -> LanesMath.exp(a[i]);
                case 1 -> LanesMath.log(a[i]);
                case 2 -> LanesMath.tanh(a[i]);
                default -> LanesMath.sigmoid(a[i]);
            };
        }
        return FloatVector.fromArray(x.species(), a, 0);
    }
}
