package dev.lanes.kernel.internal;

/**
 * Argument checks shared by every {@code Kernels} implementation, so that a kernel either
 * rejects its arguments before writing anything or runs to completion.
 */
public final class Checks {
    private Checks() {}

    /** Checks that {@code n} is a valid element count. */
    public static void count(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
    }

    /** Checks that {@code array[off, off + n)} exists; {@code name} names the argument in messages. */
    public static void region(String name, float[] array, int off, int n) {
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        if (off < 0 || off > array.length - n) {
            throw new IndexOutOfBoundsException(name + ": region [" + off + ", " + ((long) off + n)
                    + ") is outside the array of length " + array.length);
        }
    }

    /**
     * Checks that an output region either is exactly an input region (in-place use) or does not
     * overlap it: a partial overlap would make the result depend on the order of the loads.
     */
    public static void noPartialOverlap(String inName, float[] in, int inOff,
                                        String outName, float[] out, int outOff, int n) {
        if (in == out && inOff != outOff && n > 0 && Math.abs(inOff - outOff) < n) {
            throw new IllegalArgumentException(outName + " [" + outOff + ", " + (outOff + n)
                    + ") partially overlaps " + inName + " [" + inOff + ", " + (inOff + n)
                    + "): regions must be identical or disjoint");
        }
    }

    /** Checks that a scalar argument is finite. */
    public static void finite(String name, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }

    /** Checks the input region {@code x} of a reduction. */
    public static void checkIn(float[] x, int xOff, int n) {
        count(n);
        region("x", x, xOff, n);
    }

    /** Checks a kernel {@code y = f(x)}: both regions exist and do not partially overlap. */
    public static void checkUnary(float[] x, int xOff, float[] y, int yOff, int n) {
        checkIn(x, xOff, n);
        region("y", y, yOff, n);
        noPartialOverlap("x", x, xOff, "y", y, yOff, n);
    }

    /** Checks a kernel {@code z = f(x, y)}: all regions exist, z does not partially overlap x or y. */
    public static void checkBinary(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        checkIn(x, xOff, n);
        region("y", y, yOff, n);
        region("z", z, zOff, n);
        noPartialOverlap("x", x, xOff, "z", z, zOff, n);
        noPartialOverlap("y", y, yOff, "z", z, zOff, n);
    }

    /** Checks the bounds of {@code clamp}. */
    public static void checkClampBounds(float lo, float hi) {
        if (Float.isNaN(lo) || Float.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clamp needs lo <= hi, neither NaN; was lo=" + lo + ", hi=" + hi);
        }
    }
}
