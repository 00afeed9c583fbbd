package dev.lanes.nn;

/**
 * Lanes' seeded random generator: its every output is defined here, not by the JVM, so an
 * initialisation or a shuffle gives the same numbers on every machine and JVM.
 *
 * <p><b>Algorithm.</b> The state is four 64-bit words {@code s0..s3} of
 * <a href="https://prng.di.unimi.it/">xoshiro256**</a> (Blackman and Vigna, 2018).
 * {@link #Rng(long) new Rng(seed)} fills them with four successive outputs of SplitMix64 started
 * at {@code seed}: {@code x += 0x9E3779B97F4A7C15; z = x; z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9;
 * z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; out = z ^ (z >>> 31)} (arithmetic modulo 2<sup>64</sup>).
 * One step ({@link #nextLong()}) returns {@code rotl(s1 * 5, 7) * 9} and then updates
 * {@code t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)}.
 *
 * <p>Derived values, each consuming exactly the steps stated:
 * <ul>
 * <li>{@link #nextFloat()}: one step, {@code (nextLong() >>> 40) · 2⁻²⁴}, in [0, 1);</li>
 * <li>{@link #nextDouble()}: one step, {@code (nextLong() >>> 11) · 2⁻⁵³}, in [0, 1);</li>
 * <li>{@link #nextInt(int) nextInt(bound)}: Lemire's multiply-and-reject on the top 32 bits:
 * {@code x = nextLong() >>> 32; m = x · bound; if (m mod 2³² < (2³² mod bound))} draw again;
 * the result is {@code m >>> 32}, uniform in [0, bound);</li>
 * <li>{@link #nextGaussian()}: Box–Muller, two steps: {@code u1 = 1 − nextDouble()} (in (0, 1]),
 * {@code u2 = nextDouble()}, result
 * {@code StrictMath.sqrt(−2 · StrictMath.log(u1)) · StrictMath.cos(2π · u2)}; the second normal
 * of the pair is not kept, so the state is the four words alone. {@link StrictMath} makes it
 * identical on every JVM;</li>
 * <li>{@link #shuffle(int[], int, int)}: Fisher–Yates from the back: for {@code i = n − 1} down to
 * 1, {@code j = nextInt(i + 1)}, swap elements {@code i} and {@code j}.</li>
 * </ul>
 *
 * <p>The whole state is {@link #state()} and is restored by {@link #setState(long[])}, so a
 * checkpoint resumes the exact sequence. Not thread-safe.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator seeded by SplitMix64 from {@code seed}, as described in the class comment. */
    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    /** A generator with the given state (four words, not all zero). */
    public static Rng ofState(long[] state) {
        Rng r = new Rng(0);
        r.setState(state);
        return r;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits (one xoshiro256** step). */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A float uniform in [0, 1) from the top 24 bits of one step. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** A double uniform in [0, 1) from the top 53 bits of one step. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * An int uniform in [0, bound), by Lemire's method as specified in the class comment.
     *
     * @throws IllegalArgumentException if {@code bound <= 0}
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, was " + bound);
        }
        long b = bound;
        long threshold = (1L << 32) % b;
        while (true) {
            long m = (nextLong() >>> 32) * b;
            if ((m & 0xFFFF_FFFFL) >= threshold) {
                return (int) (m >>> 32);
            }
        }
    }

    /** A standard normal double by Box–Muller with {@link StrictMath}, as in the class comment. */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /**
     * Shuffles {@code a[off, off + n)} in place by Fisher–Yates, as in the class comment.
     *
     * @throws IndexOutOfBoundsException if the region lies outside the array
     */
    public void shuffle(int[] a, int off, int n) {
        java.util.Objects.requireNonNull(a, "a");
        if (n < 0 || off < 0 || off > a.length - n) {
            throw new IndexOutOfBoundsException("shuffle: region [" + off + ", " + ((long) off + n)
                    + ") is outside the array of length " + a.length);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[off + i];
            a[off + i] = a[off + j];
            a[off + j] = t;
        }
    }

    /** A copy of the state: the four words {@code s0, s1, s2, s3}. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /**
     * Sets the state to the four words {@code s0, s1, s2, s3} (as returned by {@link #state()}).
     *
     * @throws IllegalArgumentException if there are not four words or all are zero (a fixed point)
     */
    public void setState(long[] state) {
        if (state == null || state.length != 4) {
            throw new IllegalArgumentException("generator state must be 4 words, was "
                    + (state == null ? "null" : state.length + " words"));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("generator state must not be all zero");
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }
}
