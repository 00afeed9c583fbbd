package dev.lanes.optim;

/**
 * The one place where per-step scalars are computed: in double precision with {@link StrictMath},
 * as PyTorch computes them with Python floats, then rounded to float ({@link #f}) at the point
 * where PyTorch casts a Python scalar to the tensor's dtype. Both kernel implementations receive
 * these floats, so neither recomputes them.
 */
final class StepScalars {
    private StepScalars() {}

    /** PyTorch's cast of a Python float to a float32 tensor scalar. */
    static float f(double x) {
        return (float) x;
    }

    /** {@code 1 - beta^t}, PyTorch's bias correction, with {@code beta^t} by {@link #powInt}. */
    static double biasCorrection(double beta, long t) {
        return 1 - powInt(beta, t);
    }

    /**
     * {@code x^n} for {@code n >= 0}, correctly rounded but for the rarest near-halfway cases: binary
     * exponentiation in double-double arithmetic (products split exactly by {@link Math#fma}), then
     * rounded once. Python's {@code beta ** step} calls the C library's {@code pow}, which on glibc is
     * correctly rounded; {@link StrictMath#pow} (fdlibm) is not always (it gives
     * {@code 0.9^4 = 0.6561000000000001}, one ulp above), which would change a bias correction
     * by an ulp and, now and then, a parameter. Allocation-free.
     */
    static double powInt(double x, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        double rh = 1;
        double rl = 0;
        double bh = x;
        double bl = 0;
        while (n > 0) {
            if ((n & 1) != 0) {
                double p = rh * bh;
                double e = Math.fma(rh, bh, -p) + (rh * bl + rl * bh);
                rh = p + e;
                rl = e - (rh - p);
            }
            n >>= 1;
            if (n > 0) {
                double p = bh * bh;
                double e = Math.fma(bh, bh, -p) + 2 * bh * bl;
                bh = p + e;
                bl = e - (bh - p);
            }
        }
        return rh;
    }

    static double sqrt(double x) {
        return StrictMath.sqrt(x);
    }

    /**
     * {@code x^y} for {@code x > 0}: {@link #powInt} when {@code y} is a whole number in
     * {@code [0, 2^53]}, else {@code exp(y·log x)} by {@link StrictMath} with the rounding error of
     * the product {@code y·log x} put back ({@code fma}), which stays within about an ulp of the
     * correctly rounded power; a per-step scalar then rounds to float, where such an ulp almost
     * never shows. Not {@link StrictMath#pow}, which allocates on every call in JDK 25, nor
     * {@link Math#pow}, whose result may differ between platforms.
     */
    static double pow(double x, double y) {
        if (y >= 0 && y <= 0x1p53 && y == Math.rint(y)) {
            return powInt(x, (long) y);
        }
        double l = StrictMath.log(x);
        double r = y * l;
        double e = StrictMath.exp(r);
        return Math.fma(e, Math.fma(y, l, -r), e);
    }
}
