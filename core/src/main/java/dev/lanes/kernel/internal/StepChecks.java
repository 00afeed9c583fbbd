package dev.lanes.kernel.internal;

/**
 * Argument checks of the optimizer step kernels: every region exists and no two overlap, so a
 * kernel either rejects its arguments before writing anything or runs to completion.
 * Fixed arities, no varargs: a step allocates nothing.
 */
public final class StepChecks {
    private StepChecks() {}

    /** Checks {@code n}, the parameter region {@code p} and the gradient region {@code g}. */
    public static void params(float[] p, int pOff, float[] g, int gOff, int n) {
        Checks.count(n);
        Checks.region("p", p, pOff, n);
        Checks.region("g", g, gOff, n);
        disjoint("p", p, pOff, "g", g, gOff, n);
    }

    /** Checks a state region: it exists and overlaps neither {@code p} nor {@code g}. */
    public static void state(String name, float[] s, int sOff, int n, float[] p, int pOff, float[] g, int gOff) {
        Checks.region(name, s, sOff, n);
        disjoint("p", p, pOff, name, s, sOff, n);
        disjoint("g", g, gOff, name, s, sOff, n);
    }

    /** Checks that two regions of length {@code n} do not overlap. */
    public static void disjoint(String aName, float[] a, int aOff, String bName, float[] b, int bOff, int n) {
        if (a == b && n > 0 && Math.abs((long) aOff - bOff) < n) {
            throw new IllegalArgumentException(bName + " [" + bOff + ", " + ((long) bOff + n) + ") overlaps "
                    + aName + " [" + aOff + ", " + ((long) aOff + n) + "): optimizer regions must be disjoint");
        }
    }

    /**
     * Checks a step with up to three state regions: {@code p} and {@code g} (see {@link #params}),
     * then each state region whose {@code use…} flag is set: it exists and overlaps neither
     * {@code p}, {@code g} nor another used state region.
     */
    public static void step(float[] p, int pOff, float[] g, int gOff, int n,
                            boolean useA, String aName, float[] a, int aOff,
                            boolean useB, String bName, float[] b, int bOff,
                            boolean useC, String cName, float[] c, int cOff) {
        params(p, pOff, g, gOff, n);
        if (useA) {
            state(aName, a, aOff, n, p, pOff, g, gOff);
        }
        if (useB) {
            state(bName, b, bOff, n, p, pOff, g, gOff);
            if (useA) {
                disjoint(aName, a, aOff, bName, b, bOff, n);
            }
        }
        if (useC) {
            state(cName, c, cOff, n, p, pOff, g, gOff);
            if (useA) {
                disjoint(aName, a, aOff, cName, c, cOff, n);
            }
            if (useB) {
                disjoint(bName, b, bOff, cName, c, cOff, n);
            }
        }
    }
}
