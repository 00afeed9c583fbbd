package dev.lanes.kernel.internal;

/**
 * The optimizers' step kernels: one fused pass per optimizer step over a parameter region
 * {@code p}, its gradient {@code g} (read only) and the optimizer's state regions, all of length
 * {@code n} and pairwise disjoint. Only {@code dev.lanes.optim} calls them (the optimizer owns
 * every region it passes, so nothing is checked here); {@code module-info} exports this package
 * to the modules that implement or benchmark them, not to users.
 *
 * <p>The scalars come in an {@code …Args} object (nested here) that the optimizer owns and fills
 * once per step: computed in double with {@code StrictMath}, then rounded to float where PyTorch
 * rounds its Python scalar (docs/DESIGN.md rule 1), and read by both the reference and the vector
 * kernel, so neither recomputes them; refilling one object, a step allocates nothing. In every
 * formula {@code g} is the gradient, negated first when the arguments say {@code maximize} (as
 * PyTorch does, before the weight decay), {@code gd = (weightDecay == 0 ? g : fma(weightDecay, p, g))}, {@code fma} is
 * {@link Math#fma}, and each other operation rounds to float. The formulas follow PyTorch 1.13's
 * single-tensor order of operations, so that they reproduce its results bit for bit. The
 * reference of each is {@link OptimizerSteps}; the vector kernels return its bits.
 */
public interface StepKernels {

    /** {@code p = fma(-lr, gd, p)}: gradient descent (full batch, mini-batch or single example). */
    void sgdStep(float[] p, int pOff, float[] g, int gOff, int n, SgdArgs a);

    /**
     * Momentum in PyTorch's buffer form: {@code b = first ? gd : fma(oneMinusDampening, gd, b * momentum)};
     * {@code d = nesterov ? fma(momentum, b, gd) : b}; {@code p = fma(-lr, d, p)}.
     */
    void momentumStep(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n, MomentumArgs a);

    /** Textbook momentum, velocity form: {@code v = fma(-lr, gd, alpha * v)}; {@code p = p + v}. */
    void velocityStep(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n, VelocityArgs a);

    /** AdaGrad: {@code s = fma(gd, gd, s)}; {@code p = p + (-lr * gd) / (sqrt(s) + eps)}. */
    void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n, AdaGradArgs a);

    /**
     * RMSProp: {@code r = fma(oneMinusAlpha * gd, gd, r * alpha)}; centred:
     * {@code c = fma(oneMinusAlpha, gd, c * alpha)}, {@code x = fma(-c, c, r)}, else {@code x = r};
     * {@code d = epsInside ? sqrt(x + eps) : sqrt(x) + eps}; with momentum != 0:
     * {@code b = b * momentum + gd / d}, {@code p = fma(-lr, b, p)}; else {@code p = p + (-lr * gd) / d}.
     * {@code c} may be null unless centred, {@code b} unless momentum != 0.
     */
    void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] c, int cOff,
                     float[] b, int bOff, int n, RmsPropArgs a);

    /**
     * AdaDelta: {@code r = fma(oneMinusRho * gd, gd, r * rho)}; {@code d = sqrt(u + eps) / sqrt(r + eps) * gd};
     * {@code u = fma(oneMinusRho * d, d, u * rho)}; {@code p = fma(-lr, d, p)}.
     */
    void adadeltaStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff, int n,
                      AdaDeltaArgs a);

    /**
     * Adam, AdamW and AMSGrad: {@code p = p * shrink} (decoupled weight decay; 1 for none);
     * {@code m = fma(oneMinusBeta1, gd, m * beta1)}; {@code v = fma(oneMinusBeta2 * gd, gd, v * beta2)};
     * with amsgrad {@code vMax = max(vMax, v)}, {@code w = vMax}, else {@code w = v};
     * {@code d = epsInside ? sqrt(w / bc2 + eps) : sqrt(w) / bc2Sqrt + eps};
     * {@code p = p + (-stepSize * m) / d}. {@code vMax} may be null unless amsgrad.
     */
    void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                  float[] vMax, int vMaxOff, int n, AdamArgs a);

    /**
     * AdaMax: {@code m = fma(oneMinusBeta1, gd, m * beta1)}; {@code u = max(u * beta2, |gd| + eps)}
     * (NaN wins); {@code p = p + (-stepSize * m) / u}.
     */
    void adamaxStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, int n,
                    AdaMaxArgs a);

    /**
     * NAdam: {@code m}, {@code v} as Adam; {@code d = sqrt(v) / bc2Sqrt + eps};
     * {@code p = p + (-gradStep * gd) / d}; {@code p = p + (-avgStep * m) / d}.
     */
    void nadamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                   NAdamArgs a);

    /**
     * RAdam: {@code m}, {@code v} as Adam; {@code c = m / bc1}; rectified:
     * {@code p = p - ((c * lr) * ((1 / (sqrt(v) + eps)) * bc2Sqrt)) * rect}, else {@code p = p - c * lr}.
     */
    void radamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                   RAdamArgs a);

    /**
     * Rprop (PyTorch's form, without weight decay): {@code s = sign(g * prev)} where
     * {@code sign(x) = (x > 0) - (x < 0)} (0 for ±0 and NaN); {@code f = s > 0 ? etaPlus : s < 0 ? etaMinus : 1};
     * {@code size = min(max(size * f, minStep), maxStep)}; {@code h = f == etaMinus ? 0 : g};
     * {@code p = fma(-sign(h), size, p)}; {@code prev = h}.
     */
    void rpropStep(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size, int sizeOff,
                   int n, RpropArgs a);

    /**
     * ASGD: {@code p = p * shrink}; {@code p = fma(-eta, gd, p)} ({@code gd} from the old p);
     * {@code ax = mu == 1 ? p : ax + (p - ax) * mu}.
     */
    void asgdStep(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n, AsgdArgs a);

    /**
     * QuickProp: {@code q = gd / (prevG - gd)} (0 if NaN); {@code s = prevS == 0 ? -lr * gd
     * : prevS * min(max(q, -maxGrowth), maxGrowth)}; {@code p = p + s}; {@code prevG = gd}; {@code prevS = s}.
     */
    void quickpropStep(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff, float[] prevS,
                       int prevSOff, int n, QuickPropArgs a);

    // ---------------------------------------------------------------- the per-step scalars of each kernel

    /** {@link #sgdStep}. */
    final class SgdArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate. */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
    }

    /** {@link #momentumStep}: PyTorch's buffer form. */
    final class MomentumArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate. */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** μ. */
        public float momentum;
        /** {@code 1 - dampening}. */
        public float oneMinusDampening;
        /** PyTorch's reformulated Nesterov momentum: step along {@code gd + μ·b}. */
        public boolean nesterov;
        /** The first step: the buffer starts at {@code gd}. */
        public boolean first;
    }

    /** {@link #velocityStep}: the textbook's velocity form. */
    final class VelocityArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate ε. */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** α. */
        public float alpha;
    }

    /** {@link #adagradStep}. */
    final class AdaGradArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate of this step (with its decay applied). */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** eps, added to the root. */
        public float eps;
    }

    /** {@link #rmspropStep}. */
    final class RmsPropArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate. */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** α, the decay of the squared average. */
        public float alpha;
        /** {@code 1 - α}. */
        public float oneMinusAlpha;
        /** eps. */
        public float eps;
        /** Momentum of the buffer; 0 for none. */
        public float momentum;
        /** Centred: divide by the root of the variance estimate. */
        public boolean centered;
        /** eps inside the square root. */
        public boolean epsInside;
    }

    /** {@link #adadeltaStep}. */
    final class AdaDeltaArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate. */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** ρ. */
        public float rho;
        /** {@code 1 - ρ}. */
        public float oneMinusRho;
        /** eps. */
        public float eps;
    }

    /** {@link #adamStep}: Adam, AdamW and AMSGrad. */
    final class AdamArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** {@code lr / bc1}. */
        public float stepSize;
        /** L2 weight decay (0 for none, and for AdamW). */
        public float weightDecay;
        /** The factor the parameter is multiplied by first: {@code 1 - lr·wd} for AdamW, else 1. */
        public float shrink;
        /** β1. */
        public float beta1;
        /** {@code 1 - β1}. */
        public float oneMinusBeta1;
        /** β2. */
        public float beta2;
        /** {@code 1 - β2}. */
        public float oneMinusBeta2;
        /** {@code bc2 = 1 - β2^t}. */
        public float bc2;
        /** {@code sqrt(bc2)}. */
        public float bc2Sqrt;
        /** eps. */
        public float eps;
        /** AMSGrad: divide by the running maximum of v. */
        public boolean amsgrad;
        /** eps inside the square root. */
        public boolean epsInside;
    }

    /** {@link #adamaxStep}. */
    final class AdaMaxArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** {@code lr / bc1}. */
        public float stepSize;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** β1. */
        public float beta1;
        /** {@code 1 - β1}. */
        public float oneMinusBeta1;
        /** β2. */
        public float beta2;
        /** eps. */
        public float eps;
    }

    /** {@link #nadamStep}. */
    final class NAdamArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The step along the gradient. */
        public float gradStep;
        /** The step along the average. */
        public float avgStep;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** β1. */
        public float beta1;
        /** {@code 1 - β1}. */
        public float oneMinusBeta1;
        /** β2. */
        public float beta2;
        /** {@code 1 - β2}. */
        public float oneMinusBeta2;
        /** {@code sqrt(1 - β2^t)}. */
        public float bc2Sqrt;
        /** eps. */
        public float eps;
    }

    /** {@link #radamStep}. */
    final class RAdamArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate. */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** β1. */
        public float beta1;
        /** {@code 1 - β1}. */
        public float oneMinusBeta1;
        /** β2. */
        public float beta2;
        /** {@code 1 - β2}. */
        public float oneMinusBeta2;
        /** {@code 1 - β1^t}. */
        public float bc1;
        /** {@code sqrt(1 - β2^t)}. */
        public float bc2Sqrt;
        /** The rectification term. */
        public float rect;
        /** eps. */
        public float eps;
        /** Whether this step is rectified (the variance is tractable). */
        public boolean rectified;
    }

    /** {@link #rpropStep}. */
    final class RpropArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** η−. */
        public float etaMinus;
        /** η+. */
        public float etaPlus;
        /** The smallest step size. */
        public float minStep;
        /** The largest step size. */
        public float maxStep;
    }

    /** {@link #asgdStep}. */
    final class AsgdArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** This parameter's η. */
        public float eta;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** The factor the parameter is multiplied by first: {@code 1 - λ·η}. */
        public float shrink;
        /** This parameter's μ. */
        public float mu;
    }

    /** {@link #quickpropStep}. */
    final class QuickPropArgs {
        /** Ascend instead of descend: the gradient is negated first (PyTorch's {@code maximize}). */
        public boolean maximize;
        /** The learning rate of a first step. */
        public float lr;
        /** L2 weight decay (0 for none). */
        public float weightDecay;
        /** The largest growth of a step. */
        public float maxGrowth;
    }
}
