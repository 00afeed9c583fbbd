package dev.lanes.vectorops;

import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import dev.lanes.kernel.internal.MlpReference;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector forms of the activations' forward and backward kernels, for {@link VectorKernels}:
 * each lane performs the scalar reference's per-element code ({@link MlpReference}), which also
 * handles the elements past the last whole vector. Arguments were checked by the facade.
 */
final class VectorActivations {
    private VectorActivations() {}

    static void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = MlpReference.relu(x[xOff + i]);
        }
    }

    static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(F, y, yOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(F, dy, dyOff + i), positive).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.reluBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    static void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, xOff + i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = MlpReference.leakyRelu(alpha, x[xOff + i]);
        }
    }

    static void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(F, y, yOff + i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(F, dy, dyOff + i);
            g.mul(alpha).blend(g, positive).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.leakyReluBackward(alpha, y[yOff + i], dy[dyOff + i]);
        }
    }

    static void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, y, yOff + i);
            FloatVector.fromArray(F, dy, dyOff + i).mul(v.mul(one.sub(v))).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.sigmoidBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    static void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, y, yOff + i);
            FloatVector.fromArray(F, dy, dyOff + i).mul(one.sub(v.mul(v))).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.tanhBackward(y[yOff + i], dy[dyOff + i]);
        }
    }
}
