package dev.lanes.bench;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.internal.KernelAccess;
import dev.lanes.kernel.internal.StepKernels;

/** The two backends every benchmark pairs: the scalar reference and the vector kernels. */
final class Backends {
    static final Kernels SCALAR = Kernels.scalar();
    static final Kernels VECTOR = vector();
    /** The optimizers' step kernels of the two (internal to Lanes; only the optimizers call them). */
    static final StepKernels SCALAR_STEPS = KernelAccess.steps(SCALAR);
    static final StepKernels VECTOR_STEPS = KernelAccess.steps(VECTOR);

    private Backends() {}

    private static Kernels vector() {
        Kernels k = Kernels.best();
        if (!k.info().backend().equals("vector")) {
            throw new IllegalStateException("benchmarks need the vector kernels; got " + k.info());
        }
        return k;
    }

    /** Fills {@code a} with a fixed, seeded pattern of ordinary values in [-1, 1). */
    static float[] data(int n, long seed) {
        float[] a = new float[n];
        long s = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < n; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            a[i] = (float) ((s >>> 40) * 0x1.0p-23 - 1.0);
        }
        return a;
    }

    /** Throws unless the two floats have the same bits: benchmarks verify their answers first. */
    static void agree(String what, float scalar, float vector) {
        if (Float.floatToIntBits(scalar) != Float.floatToIntBits(vector)) {
            throw new IllegalStateException(what + ": scalar " + scalar + " != vector " + vector);
        }
    }

    /** Throws unless the arrays have the same bits. */
    static void agree(String what, float[] scalar, float[] vector) {
        for (int i = 0; i < scalar.length; i++) {
            agree(what + "[" + i + "]", scalar[i], vector[i]);
        }
    }
}
