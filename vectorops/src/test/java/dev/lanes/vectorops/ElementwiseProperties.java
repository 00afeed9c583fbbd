package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.kernel.Kernels;
import dev.lanes.vectorops.KernelArbitraries.Regions;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The element-wise primitives: vector == scalar reference, bit for bit, both into a separate
 * output and in place. The whole output array is compared, so a write outside the region fails.
 */
class ElementwiseProperties {

    @Provide
    Arbitrary<Regions> two() {
        return KernelArbitraries.regions(2);
    }

    @Provide
    Arbitrary<Regions> three() {
        return KernelArbitraries.regions(3);
    }

    @Provide
    Arbitrary<Float> scalars() {
        return KernelArbitraries.values();
    }

    /** A kernel {@code y = f(x)}, run by one backend. */
    interface Unary {
        void run(Kernels k, float[] x, int xOff, float[] y, int yOff, int n);
    }

    /** A kernel {@code z = f(x, y)}, run by one backend. */
    interface Binary {
        void run(Kernels k, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);
    }

    static void checkUnary(Regions r, Unary f) {
        float[] x = r.array(0);
        float[] ys = r.array(1);
        float[] yv = r.array(1);
        f.run(SCALAR, x, r.offset(0), ys, r.offset(1), r.n());
        f.run(VECTOR, x, r.offset(0), yv, r.offset(1), r.n());
        assertSame(ys, yv, r);
        float[] inPlaceS = r.array(0);
        float[] inPlaceV = r.array(0);
        f.run(SCALAR, inPlaceS, r.offset(0), inPlaceS, r.offset(0), r.n());
        f.run(VECTOR, inPlaceV, r.offset(0), inPlaceV, r.offset(0), r.n());
        assertSame(inPlaceS, inPlaceV, "in place: " + r);
    }

    static void checkBinary(Regions r, Binary f) {
        float[] x = r.array(0);
        float[] y = r.array(1);
        float[] zs = r.array(2);
        float[] zv = r.array(2);
        f.run(SCALAR, x, r.offset(0), y, r.offset(1), zs, r.offset(2), r.n());
        f.run(VECTOR, x, r.offset(0), y, r.offset(1), zv, r.offset(2), r.n());
        assertSame(zs, zv, r);
        float[] inPlaceS = r.array(1);
        float[] inPlaceV = r.array(1);
        f.run(SCALAR, x, r.offset(0), inPlaceS, r.offset(1), inPlaceS, r.offset(1), r.n());
        f.run(VECTOR, x, r.offset(0), inPlaceV, r.offset(1), inPlaceV, r.offset(1), r.n());
        assertSame(inPlaceS, inPlaceV, "in place: " + r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void scale(@ForAll("two") Regions r, @ForAll("scalars") float a) {
        checkUnary(r, (k, x, xo, y, yo, n) -> k.scale(a, x, xo, y, yo, n));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void axpy(@ForAll("two") Regions r, @ForAll("scalars") float a) {
        checkUnary(r, (k, x, xo, y, yo, n) -> k.axpy(a, x, xo, y, yo, n));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void clamp(@ForAll("two") Regions r, @ForAll("scalars") float a, @ForAll("scalars") float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return;
        }
        float lo = Math.min(a, b);
        float hi = Math.max(a, b);
        checkUnary(r, (k, x, xo, y, yo, n) -> k.clamp(lo, hi, x, xo, y, yo, n));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void add(@ForAll("three") Regions r) {
        checkBinary(r, Kernels::add);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void multiply(@ForAll("three") Regions r) {
        checkBinary(r, Kernels::multiply);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void multiplyAdd(@ForAll("three") Regions r) {
        checkBinary(r, Kernels::multiplyAdd);
    }
}
