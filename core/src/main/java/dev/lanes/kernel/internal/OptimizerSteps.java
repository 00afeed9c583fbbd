package dev.lanes.kernel.internal;

/**
 * The scalar reference of every optimizer step kernel ({@link StepKernels}): one element at a
 * time, in the order of operations that defines the result. The vector kernels apply these same
 * methods to the elements past their last whole vector, so both share one definition.
 */
public final class OptimizerSteps implements StepKernels {
    /** The one instance. */
    public static final OptimizerSteps INSTANCE = new OptimizerSteps();

    private OptimizerSteps() {}

    /** The gradient with L2 weight decay, as PyTorch's {@code grad.add(param, alpha=wd)}. */
    public static float decayed(float g, float p, float weightDecay) {
        return weightDecay == 0f ? g : Math.fma(weightDecay, p, g);
    }

    /** The gradient to descend along: negated when maximizing (exact). */
    public static float signed(float g, boolean maximize) {
        return maximize ? -g : g;
    }

    /** PyTorch's {@code sign} on the CPU: {@code (x > 0) - (x < 0)}, so ±0 and NaN give +0. */
    public static float sign(float x) {
        return x > 0f ? 1f : x < 0f ? -1f : 0f;
    }

    /** The reference of {@link StepKernels#sgdStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, int n, SgdArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            p[pOff + i] = Math.fma(-lr, gd, pi);
        }
    }

    /** The reference of {@link StepKernels#momentumStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void momentumStep(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n, MomentumArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float momentum = args.momentum;
        float oneMinusDampening = args.oneMinusDampening;
        boolean nesterov = args.nesterov;
        boolean first = args.first;
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float bi = first ? gd : Math.fma(oneMinusDampening, gd, b[bOff + i] * momentum);
            float d = nesterov ? Math.fma(momentum, bi, gd) : bi;
            b[bOff + i] = bi;
            p[pOff + i] = Math.fma(-lr, d, pi);
        }
    }

    /** The reference of {@link StepKernels#velocityStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void velocityStep(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n, VelocityArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float alpha = args.alpha;
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float vi = Math.fma(-lr, gd, alpha * v[vOff + i]);
            v[vOff + i] = vi;
            p[pOff + i] = pi + vi;
        }
    }

    /** The reference of {@link StepKernels#adagradStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n, AdaGradArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float eps = args.eps;
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float si = Math.fma(gd, gd, s[sOff + i]);
            s[sOff + i] = si;
            p[pOff + i] = pi + (-lr * gd) / ((float) Math.sqrt(si) + eps);
        }
    }

    /** The reference of {@link StepKernels#rmspropStep}, on the region {@code [0, n)} of each argument. */
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
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float ri = Math.fma(oneMinusAlpha * gd, gd, r[rOff + i] * alpha);
            r[rOff + i] = ri;
            float x = ri;
            if (centered) {
                float ai = Math.fma(oneMinusAlpha, gd, c[cOff + i] * alpha);
                c[cOff + i] = ai;
                x = Math.fma(-ai, ai, ri);
            }
            float d = epsInside ? (float) Math.sqrt(x + eps) : (float) Math.sqrt(x) + eps;
            if (momentum != 0f) {
                float bi = b[bOff + i] * momentum + gd / d;
                b[bOff + i] = bi;
                p[pOff + i] = Math.fma(-lr, bi, pi);
            } else {
                p[pOff + i] = pi + (-lr * gd) / d;
            }
        }
    }

    /** The reference of {@link StepKernels#adadeltaStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void adadeltaStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff, int n, AdaDeltaArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float rho = args.rho;
        float oneMinusRho = args.oneMinusRho;
        float eps = args.eps;
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float ri = Math.fma(oneMinusRho * gd, gd, r[rOff + i] * rho);
            r[rOff + i] = ri;
            float ui = u[uOff + i];
            float d = (float) Math.sqrt(ui + eps) / (float) Math.sqrt(ri + eps) * gd;
            u[uOff + i] = Math.fma(oneMinusRho * d, d, ui * rho);
            p[pOff + i] = Math.fma(-lr, d, pi);
        }
    }

    /** The reference of {@link StepKernels#adamStep}, on the region {@code [0, n)} of each argument. */
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
        for (int i = 0; i < n; i++) {
            float p0 = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), p0, weightDecay);
            float pi = p0 * shrink;
            float mi = Math.fma(oneMinusBeta1, gd, m[mOff + i] * beta1);
            float vi = Math.fma(oneMinusBeta2 * gd, gd, v[vOff + i] * beta2);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float w = vi;
            if (amsgrad) {
                w = Math.max(vMax[vMaxOff + i], vi);
                vMax[vMaxOff + i] = w;
            }
            float d = epsInside ? (float) Math.sqrt(w / bc2 + eps) : (float) Math.sqrt(w) / bc2Sqrt + eps;
            p[pOff + i] = pi + (-stepSize * mi) / d;
        }
    }

    /** The reference of {@link StepKernels#adamaxStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void adamaxStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, int n, AdaMaxArgs args) {
        boolean maximize = args.maximize;
        float stepSize = args.stepSize;
        float weightDecay = args.weightDecay;
        float beta1 = args.beta1;
        float oneMinusBeta1 = args.oneMinusBeta1;
        float beta2 = args.beta2;
        float eps = args.eps;
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float mi = Math.fma(oneMinusBeta1, gd, m[mOff + i] * beta1);
            float ui = Math.max(u[uOff + i] * beta2, Math.abs(gd) + eps);
            m[mOff + i] = mi;
            u[uOff + i] = ui;
            p[pOff + i] = pi + (-stepSize * mi) / ui;
        }
    }

    /** The reference of {@link StepKernels#nadamStep}, on the region {@code [0, n)} of each argument. */
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
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float mi = Math.fma(oneMinusBeta1, gd, m[mOff + i] * beta1);
            float vi = Math.fma(oneMinusBeta2 * gd, gd, v[vOff + i] * beta2);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float d = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            pi = pi + (-gradStep * gd) / d;
            p[pOff + i] = pi + (-avgStep * mi) / d;
        }
    }

    /** The reference of {@link StepKernels#radamStep}, on the region {@code [0, n)} of each argument. */
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
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float mi = Math.fma(oneMinusBeta1, gd, m[mOff + i] * beta1);
            float vi = Math.fma(oneMinusBeta2 * gd, gd, v[vOff + i] * beta2);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float c = mi / bc1 * lr;
            if (rectified) {
                c = c * (1f / ((float) Math.sqrt(vi) + eps) * bc2Sqrt) * rect;
            }
            p[pOff + i] = pi - c;
        }
    }

    /** The reference of {@link StepKernels#rpropStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void rpropStep(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size, int sizeOff, int n, RpropArgs args) {
        boolean maximize = args.maximize;
        float etaMinus = args.etaMinus;
        float etaPlus = args.etaPlus;
        float minStep = args.minStep;
        float maxStep = args.maxStep;
        for (int i = 0; i < n; i++) {
            float gi = signed(g[gOff + i], maximize);
            float s = gi * prev[prevOff + i];
            float f = s > 0f ? etaPlus : s < 0f ? etaMinus : 1f;
            float si = Math.min(Math.max(size[sizeOff + i] * f, minStep), maxStep);
            float h = f == etaMinus ? 0f : gi;
            size[sizeOff + i] = si;
            prev[prevOff + i] = h;
            p[pOff + i] = Math.fma(-sign(h), si, p[pOff + i]);
        }
    }

    /** The reference of {@link StepKernels#asgdStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void asgdStep(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n, AsgdArgs args) {
        boolean maximize = args.maximize;
        float eta = args.eta;
        float weightDecay = args.weightDecay;
        float shrink = args.shrink;
        float mu = args.mu;
        for (int i = 0; i < n; i++) {
            float p0 = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), p0, weightDecay);
            float pi = Math.fma(-eta, gd, p0 * shrink);
            p[pOff + i] = pi;
            float a = ax[axOff + i];
            ax[axOff + i] = mu == 1f ? pi : a + (pi - a) * mu;
        }
    }

    /** The reference of {@link StepKernels#quickpropStep}, on the region {@code [0, n)} of each argument. */
    @Override
    public void quickpropStep(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff, float[] prevS, int prevSOff, int n, QuickPropArgs args) {
        boolean maximize = args.maximize;
        float lr = args.lr;
        float weightDecay = args.weightDecay;
        float maxGrowth = args.maxGrowth;
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(signed(g[gOff + i], maximize), pi, weightDecay);
            float d = prevS[prevSOff + i];
            float q = gd / (prevG[prevGOff + i] - gd);
            if (q != q) {
                q = 0f;
            }
            float s = d == 0f ? -lr * gd : d * Math.min(Math.max(q, -maxGrowth), maxGrowth);
            p[pOff + i] = pi + s;
            prevG[prevGOff + i] = gd;
            prevS[prevSOff + i] = s;
        }
    }
}
