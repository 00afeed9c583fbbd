package dev.lanes.vectorops;

import static dev.lanes.kernel.internal.MathConstants.*;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.XOR;

import dev.lanes.kernel.LanesMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;

/**
 * The vector forms of {@link LanesMath}: the same steps in the same order with the same
 * constants, lane by lane, so every lane returns the bits of the scalar function. The scalar
 * code's selects become blends (every path is computed for every lane), its {@link Math#fma}
 * calls are exactly the {@code fma}s here, and nothing else is fused; constants are broadcast
 * from the argument's species.
 *
 * <p>A vector that crosses a call C2 did not inline is boxed on the heap, which costs more than
 * the arithmetic, so the shape of this class follows C2's inlining rules: every method stays below
 * {@code FreqInlineSize} (325 bytes of bytecode; sigmoid, the largest, is about 320), helpers
 * that are not the JDK's force-inlined vector methods are called early in a method (C2 stops
 * inlining ordinary methods once the graph passes {@code NodeCountInliningCutoff} nodes, which a
 * few dozen vector operations reach), and the power-of-two scaling is written out rather than
 * called. {@code -XX:+PrintInlining} on a kernel loop shows every call here inlined.
 */
final class VectorMath {
    private VectorMath() {}

    /** {@link LanesMath#exp(float)} in every lane. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector k = xc.fma(LOG2E, SHIFT);
        FloatVector p = expm1Reduced(xc, k).add(1f);
        IntVector n = k.reinterpretAsInts().sub(SHIFT_BITS);
        IntVector n1 = n.lanewise(ASHR, 1);
        FloatVector y = p.mul(n.sub(n1).add(127).lanewise(LSHL, 23).reinterpretAsFloats())
                .mul(n1.add(127).lanewise(LSHL, 23).reinterpretAsFloats());
        y = y.blend(x.broadcast(Float.POSITIVE_INFINITY), x.compare(GT, EXP_OVERFLOW));
        return y.blend(x.broadcast(0f), x.compare(LT, EXP_UNDERFLOW));
    }

    /** {@link LanesMath#log(float)} in every lane. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> sub = x.compare(LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(0x1p23f), sub);
        IntVector ix = xs.reinterpretAsInts().sub(SQRT_HALF_BITS);
        IntVector e = ix.lanewise(ASHR, 23).sub(23, sub.cast(ix.species()));
        FloatVector m = ix.and(0x007fffff).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector rz = z.mul(z.fma(L3, L2).fma(z, x.broadcast(L1)).fma(z, x.broadcast(L0)));
        FloatVector hfsq = f.mul(0.5f).mul(f);
        FloatVector nf = (FloatVector) e.convert(I2F, 0);
        FloatVector t = s.fma(hfsq.add(rz), nf.mul(LN2_LO));
        FloatVector y = nf.fma(x.broadcast(LN2_HI), f.sub(hfsq.sub(t)));
        y = y.blend(x, x.compare(EQ, Float.POSITIVE_INFINITY));
        y = y.blend(x.broadcast(Float.NEGATIVE_INFINITY), x.compare(EQ, 0f));
        return y.blend(x.broadcast(Float.NaN), x.compare(GE, 0f).not());
    }

    /** {@link LanesMath#tanh(float)} in every lane. */
    static FloatVector tanh(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        IntVector sign = bits.and(0x80000000);
        FloatVector a = bits.lanewise(XOR, sign).reinterpretAsFloats();
        FloatVector e = exp(a.add(a));
        FloatVector z = a.mul(a);
        FloatVector p = z.fma(T6, T5).fma(z, x.broadcast(T4)).fma(z, x.broadcast(T3))
                .fma(z, x.broadcast(T2)).fma(z, x.broadcast(T1)).fma(z, x.broadcast(T0));
        FloatVector small = a.mul(z).fma(p, a);
        FloatVector one = x.broadcast(1f);
        FloatVector big = one.sub(x.broadcast(2f).div(e.add(1f)));
        FloatVector t = big.blend(small, a.compare(LT, TANH_SMALL));
        return t.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /** {@link LanesMath#sigmoid(float)} in every lane. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector t = x.abs().neg().max(EXP_LO);
        FloatVector k = t.fma(LOG2E, SHIFT);
        FloatVector s = expm1Reduced(t, k);
        FloatVector p = s.add(1f);
        IntVector n = k.reinterpretAsInts().sub(SHIFT_BITS);
        FloatVector pLo = s.sub(p.sub(1f));
        FloatVector scale = n.max(-64).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(scale);
        FloatVector d = e.add(1f);
        FloatVector dLo = e.sub(d.sub(1f)).add(pLo.mul(scale));
        VectorMask<Float> negative = x.compare(LT, 0f);
        FloatVector num = x.broadcast(1f).blend(p, negative);
        FloatVector numLo = x.broadcast(0f).blend(pLo, negative);
        FloatVector y = num.div(d);
        FloatVector minusY = y.neg();
        FloatVector c = minusY.fma(dLo, minusY.fma(d, num).add(numLo));
        y = y.add(c.div(d));
        IntVector m = n.blend(0, negative.cast(n.species()).not());
        IntVector m1 = m.lanewise(ASHR, 1);
        y = y.mul(m.sub(m1).add(127).lanewise(LSHL, 23).reinterpretAsFloats())
                .mul(m1.add(127).lanewise(LSHL, 23).reinterpretAsFloats());
        return y.blend(x.broadcast(0f), x.compare(LT, EXP_UNDERFLOW));
    }

    /** LanesMath's expm1Reduced: e^r − 1 for the reduced argument of x, given k = SHIFT + round(x/ln2). */
    private static FloatVector expm1Reduced(FloatVector x, FloatVector k) {
        FloatVector kf = k.sub(SHIFT);
        FloatVector r = kf.fma(x.broadcast(-LN2_HI), x);
        r = kf.fma(x.broadcast(-LN2_LO), r);
        FloatVector q = r.fma(E4, E3).fma(r, x.broadcast(E2)).fma(r, x.broadcast(E1)).fma(r, x.broadcast(E0));
        return r.mul(r).fma(q, r);
    }
}
