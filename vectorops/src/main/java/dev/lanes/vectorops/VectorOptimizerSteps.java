package dev.lanes.vectorops;

import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import dev.lanes.kernel.internal.OptimizerSteps;
import dev.lanes.kernel.internal.StepKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector optimizer step kernels: each lane performs the operations of the reference in
 * {@link OptimizerSteps} in the same order, {@code fma} where it
 * has {@link Math#fma}; the elements past the last whole vector go through the reference itself.
 * Flags and the weight-decay test are loop invariants, tested once per call. A step is
 * memory-bound (it streams every region once), so the loops are not unrolled.
 */
final class VectorOptimizerSteps implements StepKernels {
    static final VectorOptimizerSteps INSTANCE = new VectorOptimizerSteps();
    private static final OptimizerSteps REFERENCE = OptimizerSteps.INSTANCE;

    private VectorOptimizerSteps() {}

    private static FloatVector decayed(FloatVector g, FloatVector p, boolean l2, FloatVector wd) {
        return l2 ? wd.fma(p, g) : g;
    }

    /** The gradient to descend along: negated when maximizing. */
    private static FloatVector signed(FloatVector g, boolean maximize) {
        return maximize ? g.neg() : g;
    }

    private static FloatVector sign(FloatVector x) {
        FloatVector zero = FloatVector.zero(F);
        return zero.blend(1f, x.compare(VectorOperators.GT, 0f)).blend(-1f, x.compare(VectorOperators.LT, 0f));
    }

    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, int n, SgdArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negLr = FloatVector.broadcast(F, -lr);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            negLr.fma(gd, pv).intoArray(p, pOff + i);
        }
        REFERENCE.sgdStep(p, pOff + i, g, gOff + i, n - i, args);
    }

    @Override
    public void momentumStep(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n, MomentumArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float momentum = args.momentum;
        float oneMinusDampening = args.oneMinusDampening;
        boolean nesterov = args.nesterov;
        boolean first = args.first;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negLr = FloatVector.broadcast(F, -lr);
        FloatVector mu = FloatVector.broadcast(F, momentum);
        FloatVector omd = FloatVector.broadcast(F, oneMinusDampening);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector bv = first ? gd : omd.fma(gd, FloatVector.fromArray(F, b, bOff + i).mul(mu));
            FloatVector d = nesterov ? mu.fma(bv, gd) : bv;
            bv.intoArray(b, bOff + i);
            negLr.fma(d, pv).intoArray(p, pOff + i);
        }
        REFERENCE.momentumStep(p, pOff + i, g, gOff + i, b, bOff + i, n - i, args);
    }

    @Override
    public void velocityStep(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n, VelocityArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float alpha = args.alpha;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negLr = FloatVector.broadcast(F, -lr);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector vv = negLr.fma(gd, FloatVector.fromArray(F, v, vOff + i).mul(alpha));
            vv.intoArray(v, vOff + i);
            pv.add(vv).intoArray(p, pOff + i);
        }
        REFERENCE.velocityStep(p, pOff + i, g, gOff + i, v, vOff + i, n - i, args);
    }

    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n, AdaGradArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float eps = args.eps;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negLr = FloatVector.broadcast(F, -lr);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector sv = gd.fma(gd, FloatVector.fromArray(F, s, sOff + i));
            sv.intoArray(s, sOff + i);
            pv.add(negLr.mul(gd).div(sv.sqrt().add(eps))).intoArray(p, pOff + i);
        }
        REFERENCE.adagradStep(p, pOff + i, g, gOff + i, s, sOff + i, n - i, args);
    }

    @Override
    public void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] c, int cOff, float[] b, int bOff, int n, RmsPropArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float alpha = args.alpha;
        float oneMinusAlpha = args.oneMinusAlpha;
        float eps = args.eps;
        float momentum = args.momentum;
        boolean centered = args.centered;
        boolean epsInside = args.epsInside;
        boolean l2 = weightDecay != 0f;
        boolean useMomentum = momentum != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negLr = FloatVector.broadcast(F, -lr);
        FloatVector oma = FloatVector.broadcast(F, oneMinusAlpha);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector rv = oma.mul(gd).fma(gd, FloatVector.fromArray(F, r, rOff + i).mul(alpha));
            rv.intoArray(r, rOff + i);
            FloatVector x = rv;
            if (centered) {
                FloatVector av = oma.fma(gd, FloatVector.fromArray(F, c, cOff + i).mul(alpha));
                av.intoArray(c, cOff + i);
                x = av.neg().fma(av, rv);
            }
            FloatVector d = epsInside ? x.add(eps).sqrt() : x.sqrt().add(eps);
            if (useMomentum) {
                FloatVector bv = FloatVector.fromArray(F, b, bOff + i).mul(momentum).add(gd.div(d));
                bv.intoArray(b, bOff + i);
                negLr.fma(bv, pv).intoArray(p, pOff + i);
            } else {
                pv.add(negLr.mul(gd).div(d)).intoArray(p, pOff + i);
            }
        }
        REFERENCE.rmspropStep(p, pOff + i, g, gOff + i, r, rOff + i, c, cOff + i, b, bOff + i, n - i, args);
    }

    @Override
    public void adadeltaStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff, int n, AdaDeltaArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float rho = args.rho;
        float oneMinusRho = args.oneMinusRho;
        float eps = args.eps;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negLr = FloatVector.broadcast(F, -lr);
        FloatVector omr = FloatVector.broadcast(F, oneMinusRho);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector rv = omr.mul(gd).fma(gd, FloatVector.fromArray(F, r, rOff + i).mul(rho));
            rv.intoArray(r, rOff + i);
            FloatVector uv = FloatVector.fromArray(F, u, uOff + i);
            FloatVector d = uv.add(eps).sqrt().div(rv.add(eps).sqrt()).mul(gd);
            omr.mul(d).fma(d, uv.mul(rho)).intoArray(u, uOff + i);
            negLr.fma(d, pv).intoArray(p, pOff + i);
        }
        REFERENCE.adadeltaStep(p, pOff + i, g, gOff + i, r, rOff + i, u, uOff + i, n - i, args);
    }

    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, float[] vMax, int vMaxOff, int n, AdamArgs args) {
        boolean maximize = args.maximize;
        float stepSize = args.stepSize;
        float weightDecay = args.weightDecay;
        float shrink = args.shrink;
        float beta1 = args.beta1;
        float oneMinusBeta1 = args.oneMinusBeta1;
        float beta2 = args.beta2;
        float oneMinusBeta2 = args.oneMinusBeta2;
        float bc2 = args.bc2;
        float bc2Sqrt = args.bc2Sqrt;
        float eps = args.eps;
        boolean amsgrad = args.amsgrad;
        boolean epsInside = args.epsInside;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negStep = FloatVector.broadcast(F, -stepSize);
        FloatVector omb1 = FloatVector.broadcast(F, oneMinusBeta1);
        FloatVector omb2 = FloatVector.broadcast(F, oneMinusBeta2);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector p0 = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), p0, l2, wd);
            FloatVector pv = p0.mul(shrink);
            FloatVector mv = omb1.fma(gd, FloatVector.fromArray(F, m, mOff + i).mul(beta1));
            FloatVector vv = omb2.mul(gd).fma(gd, FloatVector.fromArray(F, v, vOff + i).mul(beta2));
            mv.intoArray(m, mOff + i);
            vv.intoArray(v, vOff + i);
            FloatVector w = vv;
            if (amsgrad) {
                w = FloatVector.fromArray(F, vMax, vMaxOff + i).max(vv);
                w.intoArray(vMax, vMaxOff + i);
            }
            FloatVector d = epsInside ? w.div(bc2).add(eps).sqrt() : w.sqrt().div(bc2Sqrt).add(eps);
            pv.add(negStep.mul(mv).div(d)).intoArray(p, pOff + i);
        }
        REFERENCE.adamStep(p, pOff + i, g, gOff + i, m, mOff + i, v, vOff + i, vMax, vMaxOff + i, n - i, args);
    }

    @Override
    public void adamaxStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, int n, AdaMaxArgs args) {
        boolean maximize = args.maximize;
        float stepSize = args.stepSize;
        float weightDecay = args.weightDecay;
        float beta1 = args.beta1;
        float oneMinusBeta1 = args.oneMinusBeta1;
        float beta2 = args.beta2;
        float eps = args.eps;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negStep = FloatVector.broadcast(F, -stepSize);
        FloatVector omb1 = FloatVector.broadcast(F, oneMinusBeta1);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector mv = omb1.fma(gd, FloatVector.fromArray(F, m, mOff + i).mul(beta1));
            FloatVector uv = FloatVector.fromArray(F, u, uOff + i).mul(beta2).max(gd.abs().add(eps));
            mv.intoArray(m, mOff + i);
            uv.intoArray(u, uOff + i);
            pv.add(negStep.mul(mv).div(uv)).intoArray(p, pOff + i);
        }
        REFERENCE.adamaxStep(p, pOff + i, g, gOff + i, m, mOff + i, u, uOff + i, n - i, args);
    }

    @Override
    public void nadamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n, NAdamArgs args) {
        boolean maximize = args.maximize;
        float gradStep = args.gradStep;
        float avgStep = args.avgStep;
        float weightDecay = args.weightDecay;
        float beta1 = args.beta1;
        float oneMinusBeta1 = args.oneMinusBeta1;
        float beta2 = args.beta2;
        float oneMinusBeta2 = args.oneMinusBeta2;
        float bc2Sqrt = args.bc2Sqrt;
        float eps = args.eps;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negGrad = FloatVector.broadcast(F, -gradStep);
        FloatVector negAvg = FloatVector.broadcast(F, -avgStep);
        FloatVector omb1 = FloatVector.broadcast(F, oneMinusBeta1);
        FloatVector omb2 = FloatVector.broadcast(F, oneMinusBeta2);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector mv = omb1.fma(gd, FloatVector.fromArray(F, m, mOff + i).mul(beta1));
            FloatVector vv = omb2.mul(gd).fma(gd, FloatVector.fromArray(F, v, vOff + i).mul(beta2));
            mv.intoArray(m, mOff + i);
            vv.intoArray(v, vOff + i);
            FloatVector d = vv.sqrt().div(bc2Sqrt).add(eps);
            pv = pv.add(negGrad.mul(gd).div(d));
            pv.add(negAvg.mul(mv).div(d)).intoArray(p, pOff + i);
        }
        REFERENCE.nadamStep(p, pOff + i, g, gOff + i, m, mOff + i, v, vOff + i, n - i, args);
    }

    @Override
    public void radamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n, RAdamArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float beta1 = args.beta1;
        float oneMinusBeta1 = args.oneMinusBeta1;
        float beta2 = args.beta2;
        float oneMinusBeta2 = args.oneMinusBeta2;
        float bc1 = args.bc1;
        float bc2Sqrt = args.bc2Sqrt;
        float rect = args.rect;
        float eps = args.eps;
        boolean rectified = args.rectified;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector omb1 = FloatVector.broadcast(F, oneMinusBeta1);
        FloatVector omb2 = FloatVector.broadcast(F, oneMinusBeta2);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector mv = omb1.fma(gd, FloatVector.fromArray(F, m, mOff + i).mul(beta1));
            FloatVector vv = omb2.mul(gd).fma(gd, FloatVector.fromArray(F, v, vOff + i).mul(beta2));
            mv.intoArray(m, mOff + i);
            vv.intoArray(v, vOff + i);
            FloatVector c = mv.div(bc1).mul(lr);
            if (rectified) {
                c = c.mul(one.div(vv.sqrt().add(eps)).mul(bc2Sqrt)).mul(rect);
            }
            pv.sub(c).intoArray(p, pOff + i);
        }
        REFERENCE.radamStep(p, pOff + i, g, gOff + i, m, mOff + i, v, vOff + i, n - i, args);
    }

    @Override
    public void rpropStep(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size, int sizeOff, int n, RpropArgs args) {
        boolean maximize = args.maximize;
        float etaMinus = args.etaMinus;
        float etaPlus = args.etaPlus;
        float minStep = args.minStep;
        float maxStep = args.maxStep;
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector gv = signed(FloatVector.fromArray(F, g, gOff + i), maximize);
            FloatVector s = gv.mul(FloatVector.fromArray(F, prev, prevOff + i));
            FloatVector f = one.blend(etaPlus, s.compare(VectorOperators.GT, 0f))
                    .blend(etaMinus, s.compare(VectorOperators.LT, 0f));
            FloatVector sv = FloatVector.fromArray(F, size, sizeOff + i).mul(f).max(minStep).min(maxStep);
            VectorMask<Float> shrunk = f.compare(VectorOperators.EQ, etaMinus);
            FloatVector h = gv.blend(0f, shrunk);
            sv.intoArray(size, sizeOff + i);
            h.intoArray(prev, prevOff + i);
            sign(h).neg().fma(sv, FloatVector.fromArray(F, p, pOff + i)).intoArray(p, pOff + i);
        }
        REFERENCE.rpropStep(p, pOff + i, g, gOff + i, prev, prevOff + i, size, sizeOff + i, n - i, args);
    }

    @Override
    public void asgdStep(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n, AsgdArgs args) {
        boolean maximize = args.maximize;
        float eta = args.eta;
        float weightDecay = args.weightDecay;
        float shrink = args.shrink;
        float mu = args.mu;
        boolean l2 = weightDecay != 0f;
        boolean copy = mu == 1f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negEta = FloatVector.broadcast(F, -eta);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector p0 = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), p0, l2, wd);
            FloatVector pv = negEta.fma(gd, p0.mul(shrink));
            pv.intoArray(p, pOff + i);
            if (copy) {
                pv.intoArray(ax, axOff + i);
            } else {
                FloatVector a = FloatVector.fromArray(F, ax, axOff + i);
                a.add(pv.sub(a).mul(mu)).intoArray(ax, axOff + i);
            }
        }
        REFERENCE.asgdStep(p, pOff + i, g, gOff + i, ax, axOff + i, n - i, args);
    }

    @Override
    public void quickpropStep(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff, float[] prevS, int prevSOff, int n, QuickPropArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float maxGrowth = args.maxGrowth;
        boolean l2 = weightDecay != 0f;
        FloatVector wd = FloatVector.broadcast(F, weightDecay);
        FloatVector negLr = FloatVector.broadcast(F, -lr);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector pv = FloatVector.fromArray(F, p, pOff + i);
            FloatVector gd = decayed(signed(FloatVector.fromArray(F, g, gOff + i), maximize), pv, l2, wd);
            FloatVector d = FloatVector.fromArray(F, prevS, prevSOff + i);
            FloatVector q = gd.div(FloatVector.fromArray(F, prevG, prevGOff + i).sub(gd));
            q = q.blend(0f, q.test(VectorOperators.IS_NAN));
            FloatVector s = d.mul(q.max(-maxGrowth).min(maxGrowth))
                    .blend(negLr.mul(gd), d.compare(VectorOperators.EQ, 0f));
            pv.add(s).intoArray(p, pOff + i);
            gd.intoArray(prevG, prevGOff + i);
            s.intoArray(prevS, prevSOff + i);
        }
        REFERENCE.quickpropStep(p, pOff + i, g, gOff + i, prevG, prevGOff + i, prevS, prevSOff + i, n - i, args);
    }
}
