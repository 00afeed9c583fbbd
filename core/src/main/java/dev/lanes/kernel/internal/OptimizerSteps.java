package dev.lanes.kernel.internal;

/**
 * The per-element code of every optimizer step kernel: the scalar reference of
 * {@code dev.lanes.kernel.Kernels#sgdStep} and its siblings, without argument checks. The vector
 * kernels apply these same methods to the elements past their last whole vector, so both share
 * one definition. The formulas are in the javadoc of {@code Kernels}.
 */
public final class OptimizerSteps {
    private OptimizerSteps() {}

    /** The gradient with L2 weight decay, as PyTorch's {@code grad.add(param, alpha=wd)}. */
    public static float decayed(float g, float p, float weightDecay) {
        return weightDecay == 0f ? g : Math.fma(weightDecay, p, g);
    }

    /** PyTorch's {@code sign} on the CPU: {@code (x > 0) - (x < 0)}, so ±0 and NaN give +0. */
    public static float sign(float x) {
        return x > 0f ? 1f : x < 0f ? -1f : 0f;
    }

    public static void sgd(float[] p, int pOff, float[] g, int gOff, int n, float lr, float weightDecay) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            p[pOff + i] = Math.fma(-lr, gd, pi);
        }
    }

    public static void momentum(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n,
                                float lr, float weightDecay, float momentum, float oneMinusDampening,
                                boolean nesterov, boolean first) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            float bi = first ? gd : Math.fma(oneMinusDampening, gd, b[bOff + i] * momentum);
            float d = nesterov ? Math.fma(momentum, bi, gd) : bi;
            b[bOff + i] = bi;
            p[pOff + i] = Math.fma(-lr, d, pi);
        }
    }

    public static void velocity(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n,
                                float lr, float weightDecay, float alpha) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            float vi = Math.fma(-lr, gd, alpha * v[vOff + i]);
            v[vOff + i] = vi;
            p[pOff + i] = pi + vi;
        }
    }

    public static void adagrad(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n,
                               float lr, float weightDecay, float eps) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            float si = Math.fma(gd, gd, s[sOff + i]);
            s[sOff + i] = si;
            p[pOff + i] = pi + (-lr * gd) / ((float) Math.sqrt(si) + eps);
        }
    }

    public static void rmsprop(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] a, int aOff,
                               float[] b, int bOff, int n, float lr, float weightDecay, float alpha,
                               float oneMinusAlpha, float eps, float momentum, boolean centered, boolean epsInside) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            float ri = Math.fma(oneMinusAlpha * gd, gd, r[rOff + i] * alpha);
            r[rOff + i] = ri;
            float x = ri;
            if (centered) {
                float ai = Math.fma(oneMinusAlpha, gd, a[aOff + i] * alpha);
                a[aOff + i] = ai;
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

    public static void adadelta(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff,
                                int n, float lr, float weightDecay, float rho, float oneMinusRho, float eps) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            float ri = Math.fma(oneMinusRho * gd, gd, r[rOff + i] * rho);
            r[rOff + i] = ri;
            float ui = u[uOff + i];
            float d = (float) Math.sqrt(ui + eps) / (float) Math.sqrt(ri + eps) * gd;
            u[uOff + i] = Math.fma(oneMinusRho * d, d, ui * rho);
            p[pOff + i] = Math.fma(-lr, d, pi);
        }
    }

    public static void adam(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                            float[] vMax, int vMaxOff, int n, float stepSize, float weightDecay, float decay,
                            float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                            float bc2, float bc2Sqrt, float eps, boolean amsgrad, boolean epsInside) {
        for (int i = 0; i < n; i++) {
            float p0 = p[pOff + i];
            float gd = decayed(g[gOff + i], p0, weightDecay);
            float pi = p0 * decay;
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

    public static void adamax(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff,
                              int n, float stepSize, float weightDecay, float beta1, float oneMinusBeta1,
                              float beta2, float eps) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            float mi = Math.fma(oneMinusBeta1, gd, m[mOff + i] * beta1);
            float ui = Math.max(u[uOff + i] * beta2, Math.abs(gd) + eps);
            m[mOff + i] = mi;
            u[uOff + i] = ui;
            p[pOff + i] = pi + (-stepSize * mi) / ui;
        }
    }

    public static void nadam(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                             int n, float gradStep, float avgStep, float weightDecay, float beta1, float oneMinusBeta1,
                             float beta2, float oneMinusBeta2, float bc2Sqrt, float eps) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
            float mi = Math.fma(oneMinusBeta1, gd, m[mOff + i] * beta1);
            float vi = Math.fma(oneMinusBeta2 * gd, gd, v[vOff + i] * beta2);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float d = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            pi = pi + (-gradStep * gd) / d;
            p[pOff + i] = pi + (-avgStep * mi) / d;
        }
    }

    public static void radam(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                             int n, float lr, float weightDecay, float beta1, float oneMinusBeta1, float beta2,
                             float oneMinusBeta2, float bc1, float bc2Sqrt, float rect, float eps, boolean rectified) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
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

    public static void rprop(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size,
                             int sizeOff, int n, float etaMinus, float etaPlus, float minStep, float maxStep) {
        for (int i = 0; i < n; i++) {
            float gi = g[gOff + i];
            float s = gi * prev[prevOff + i];
            float f = s > 0f ? etaPlus : s < 0f ? etaMinus : 1f;
            float si = Math.min(Math.max(size[sizeOff + i] * f, minStep), maxStep);
            float h = f == etaMinus ? 0f : gi;
            size[sizeOff + i] = si;
            prev[prevOff + i] = h;
            p[pOff + i] = Math.fma(-sign(h), si, p[pOff + i]);
        }
    }

    public static void asgd(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n,
                            float eta, float weightDecay, float decay, float mu) {
        for (int i = 0; i < n; i++) {
            float p0 = p[pOff + i];
            float gd = decayed(g[gOff + i], p0, weightDecay);
            float pi = Math.fma(-eta, gd, p0 * decay);
            p[pOff + i] = pi;
            float a = ax[axOff + i];
            ax[axOff + i] = mu == 1f ? pi : a + (pi - a) * mu;
        }
    }

    public static void quickprop(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff,
                                 float[] prevS, int prevSOff, int n, float lr, float weightDecay, float maxGrowth) {
        for (int i = 0; i < n; i++) {
            float pi = p[pOff + i];
            float gd = decayed(g[gOff + i], pi, weightDecay);
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
