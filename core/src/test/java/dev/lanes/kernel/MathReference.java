package dev.lanes.kernel;

import java.util.stream.IntStream;

/**
 * The four functions of {@link LanesMath} beside their exactly rounded references, the ranges
 * over which their accuracy is stated, and the ulp distance used to measure it.
 */
enum MathReference {
    /** Below −103.97208 exp rounds to 0, above 88.72283 to +∞. */
    EXP(-0x1.a0p6f, 0x1.64p6f, 1) {
        @Override
        float lanes(float x) {
            return LanesMath.exp(x);
        }

        @Override
        float reference(float x) {
            return (float) StrictMath.exp(x);
        }
    },
    /** Every positive finite float, subnormals included. */
    LOG(Float.MIN_VALUE, Float.MAX_VALUE, 1) {
        @Override
        float lanes(float x) {
            return LanesMath.log(x);
        }

        @Override
        float reference(float x) {
            return (float) StrictMath.log(x);
        }
    },
    /** Beyond ±9.1 tanh rounds to ±1. */
    TANH(-9.1f, 9.1f, 1) {
        @Override
        float lanes(float x) {
            return LanesMath.tanh(x);
        }

        @Override
        float reference(float x) {
            return (float) StrictMath.tanh(x);
        }
    },
    /** Below −103.97208 sigmoid rounds to 0, above 17.32868 to 1. */
    SIGMOID(-0x1.a0p6f, 17.4f, 1) {
        @Override
        float lanes(float x) {
            return LanesMath.sigmoid(x);
        }

        @Override
        float reference(float x) {
            return (float) (1 / (1 + StrictMath.exp(-(double) x)));
        }
    };

    /** The swept range, both ends included. */
    final float lo;
    final float hi;
    /** The maximum error in ulps stated in LanesMath's documentation (the contract allows 2). */
    final int bound;

    MathReference(float lo, float hi, int bound) {
        this.lo = lo;
        this.hi = hi;
        this.bound = bound;
    }

    abstract float lanes(float x);

    abstract float reference(float x);

    /** The position of {@code f} in the order of floats: consecutive floats have consecutive keys, ±0 share 0. */
    static int key(float f) {
        int b = Float.floatToRawIntBits(f);
        return b < 0 ? Integer.MIN_VALUE - b : b;
    }

    /** The float whose {@link #key} is {@code k}. */
    static float fromKey(int k) {
        return Float.intBitsToFloat(k < 0 ? Integer.MIN_VALUE - k : k);
    }

    /** The ulp distance of two floats: 0 for two NaNs, {@code Long.MAX_VALUE} for a NaN and a number. */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs((long) key(a) - key(b));
    }

    /** What a sweep found. */
    record Sweep(MathReference f, float from, float to, long count, long maxUlps, float worstX, long inexact, long descents, float firstDescentX) {
        @Override
        public String toString() {
            return String.format("%s over [%s, %s] (%d floats): max %d ulp at x = %s (%a): lanes %a, reference %a;"
                            + " %d results off by an ulp or more; %d descents between neighbours%s",
                    f, from, to, count, maxUlps, worstX, worstX, f.lanes(worstX), f.reference(worstX), inexact,
                    descents, descents == 0 ? "" : " (first after x = " + firstDescentX + ")");
        }

        Sweep merge(Sweep o) {
            boolean worse = o.maxUlps > maxUlps;
            boolean earlier = descents == 0;
            return new Sweep(f, from, to, count + o.count, worse ? o.maxUlps : maxUlps, worse ? o.worstX : worstX,
                    inexact + o.inexact, descents + o.descents, earlier ? o.firstDescentX : firstDescentX);
        }
    }

    /**
     * Compares the function with its reference at every {@code stride}-th float of its range, in
     * parallel chunks, and counts places where the result decreases from one tested float to the next.
     */
    Sweep sweep(int stride) {
        return sweep(lo, hi, stride);
    }

    /** Like {@link #sweep(int)}, over the floats from {@code first} to {@code last}, both included. */
    Sweep sweep(float first, float last, int stride) {
        int from = key(first);
        int to = key(last);
        int chunks = 256;
        return IntStream.range(0, chunks).parallel().mapToObj(c -> {
            long span = (long) to - from + 1;
            long s = from + span * c / chunks;
            long e = from + span * (c + 1) / chunks;
            s += Math.floorMod(from - s, stride);
            long count = 0;
            long max = -1;
            float worst = Float.NaN;
            long inexact = 0;
            long descents = 0;
            float firstDescent = Float.NaN;
            float previous = s - stride >= from ? lanes(fromKey((int) (s - stride))) : Float.NaN;
            for (long k = s; k < e; k += stride) {
                float x = fromKey((int) k);
                float y = lanes(x);
                long u = ulps(y, reference(x));
                count++;
                if (u > max) {
                    max = u;
                    worst = x;
                }
                if (u != 0) {
                    inexact++;
                }
                if (y < previous) {
                    if (descents++ == 0) {
                        firstDescent = x;
                    }
                }
                previous = y;
            }
            return new Sweep(this, first, last, count, max, worst, inexact, descents, firstDescent);
        }).reduce(Sweep::merge).orElseThrow();
    }
}
