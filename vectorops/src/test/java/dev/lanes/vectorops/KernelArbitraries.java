package dev.lanes.vectorops;

import dev.lanes.kernel.internal.Reductions;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The property harness every kernel's bit-identity property draws from: lengths from the awkward
 * ones (0, 1, lanes ± 1, a block of 64 ± 1, several blocks plus a tail) and at random up to
 * several blocks; regions at random offsets inside larger arrays; values that mix ordinary
 * magnitudes with ±0, subnormals, ±∞, NaN and 1e±30.
 */
public final class KernelArbitraries {
    /** The longest region drawn: several 64-element blocks and a tail. */
    public static final int MAX_LENGTH = 6 * Reductions.LANES + 37;

    private static final float[] SPECIALS = {
        0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN, Float.intBitsToFloat(0xffc00001), 1e30f, -1e30f, 1e-30f, -1e-30f,
    };

    private KernelArbitraries() {}

    /** Lengths: awkward ones half of the time, uniform in [0, MAX_LENGTH] otherwise. */
    public static Arbitrary<Integer> lengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65,
                        127, 128, 129, 4 * 64 + 3, MAX_LENGTH)),
                Tuple.of(1, Arbitraries.integers().between(0, MAX_LENGTH)));
    }

    /** Values of every kind: ordinary, arbitrary bit patterns and special values. */
    public static Arbitrary<Float> values() {
        return values(Arbitraries.floats().between(-100f, 100f).ofScale(7));
    }

    /** Like {@link #values()}, with {@code ordinary} as the bulk of the draws. */
    public static Arbitrary<Float> values(Arbitrary<Float> ordinary) {
        return Arbitraries.frequencyOf(
                Tuple.of(7, ordinary),
                Tuple.of(2, Arbitraries.integers().map(Float::intBitsToFloat)),
                Tuple.of(1, specials()));
    }

    /** The special values alone. */
    public static Arbitrary<Float> specials() {
        Float[] boxed = new Float[SPECIALS.length];
        for (int i = 0; i < SPECIALS.length; i++) {
            boxed[i] = SPECIALS[i];
        }
        return Arbitraries.of(boxed);
    }

    /** {@code count} regions of one common length, each at its own offset in its own array. */
    public static Arbitrary<Regions> regions(int count) {
        return regions(count, values());
    }

    /** Like {@link #regions(int)}, drawing the elements from {@code values}. */
    public static Arbitrary<Regions> regions(int count, Arbitrary<Float> values) {
        return lengths().flatMap(n -> {
            Arbitrary<float[]> array = Combinators.combine(
                            Arbitraries.integers().between(0, 19), Arbitraries.integers().between(0, 5))
                    .as((off, pad) -> off + n + pad)
                    .flatMap(len -> values.array(float[].class).ofSize(len));
            Arbitrary<Integer> offset = Arbitraries.integers().between(0, 19);
            return Combinators.combine(array.list().ofSize(count), offset.list().ofSize(count))
                    .as((arrays, offsets) -> {
                        float[][] a = arrays.toArray(new float[0][]);
                        int[] o = new int[count];
                        for (int k = 0; k < count; k++) {
                            o[k] = Math.min(offsets.get(k), a[k].length - n);
                        }
                        return new Regions(n, a, o);
                    });
        });
    }

    /**
     * Regions drawn for one property case: region {@code k} is {@code array(k)[offset(k), offset(k) + n)}.
     * Every accessor returns a fresh copy, so the two backends each get untouched inputs.
     */
    public record Regions(int n, float[][] arrays, int[] offsets) {
        /** A copy of array {@code k}. */
        public float[] array(int k) {
            return arrays[k].clone();
        }

        /** The offset of region {@code k}. */
        public int offset(int k) {
            return offsets[k];
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("n=" + n);
            for (int k = 0; k < arrays.length; k++) {
                s.append(" region").append(k).append("@").append(offsets[k]).append('=')
                        .append(Arrays.toString(Arrays.copyOfRange(arrays[k], offsets[k], offsets[k] + Math.min(n, 70))));
            }
            return s.toString();
        }
    }
}
