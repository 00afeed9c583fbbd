package dev.lanes.optim;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;

/**
 * What an optimizer does to the gradients before it updates anything: the non-finite check and
 * clipping, in the order documented on {@link Optimizer}.
 *
 * <p><b>Global-norm clipping</b> computes {@code total = Σ sumSquares(grad region)} with
 * {@link Kernels#sumSquares} per parameter (a float in the canonical reduction order), added in
 * double in parameter order; {@code norm = sqrt(total)}, {@code coef = maxNorm / (norm + 1e-6)} as
 * PyTorch's {@code clip_grad_norm_}, and when {@code coef < 1} every gradient is scaled in place by
 * {@code (float) coef}. Clipping by value clamps each gradient element to {@code [-c, c]} in place.
 * The non-finite check reads every gradient once more ({@link Kernels#maxAbs}: NaN or ∞ shows in
 * the maximum); with norm clipping it is fused with the norm's pass, a finite norm proving every
 * gradient finite.
 */
final class GradientGuard {
    private final Kernels kernels;
    private final NonFinitePolicy policy;
    private final double clipNorm;
    private final double clipValue;
    /** The clamp bound or scale factor of the pass in progress, read by the slots' tasks. */
    float factor;

    GradientGuard(Kernels kernels, NonFinitePolicy policy, double clipNorm, double clipValue) {
        this.kernels = kernels;
        this.policy = policy;
        this.clipNorm = clipNorm;
        this.clipValue = clipValue;
    }

    /** Makes a slot's gradient passes. */
    void attach(Slot s) {
        s.clampGradient = (from, to) -> kernels.clamp(-factor, factor, s.grad(), s.gradAt(from),
                s.grad(), s.gradAt(from), to - from);
        s.scaleGradient = (from, to) -> kernels.scale(factor, s.grad(), s.gradAt(from),
                s.grad(), s.gradAt(from), to - from);
    }

    /** The global gradient norm: float per parameter, double across, in slot order. */
    double norm(Slot[] slots) {
        double total = 0;
        for (Slot s : slots) {
            total += kernels.sumSquares(s.grad(), s.gradAt(0), s.length());
        }
        return StrictMath.sqrt(total);
    }

    /**
     * Checks the gradients by the policy, before anything is written: the first slot with a
     * non-finite gradient under {@link NonFinitePolicy#SKIP}, else null.
     *
     * @param norm the global norm when norm clipping computed it, else NaN
     * @throws ArithmeticException under {@link NonFinitePolicy#THROW}
     */
    Slot check(Slot[] slots, double norm, long step) {
        if (policy == NonFinitePolicy.PROPAGATE || (clipNorm > 0 && Double.isFinite(norm))) {
            return null;
        }
        for (Slot s : slots) {
            if (!Float.isFinite(kernels.maxAbs(s.grad(), s.gradAt(0), s.length()))) {
                if (policy == NonFinitePolicy.THROW) {
                    throw new ArithmeticException("the gradient of parameter '" + s.param.name()
                            + "' is not finite at step " + step);
                }
                return s;
            }
        }
        return null;
    }

    /** The norm if norm clipping needs it, else NaN. */
    double normIfClipping(Slot[] slots) {
        return clipNorm > 0 ? norm(slots) : Double.NaN;
    }

    /** Clips by norm, then by value, each pass spread over {@code team}. */
    void clip(Slot[] slots, double norm, Parallel team, int grain) {
        if (clipNorm > 0) {
            double coef = clipNorm / (norm + 1e-6);
            if (coef < 1) {
                factor = (float) coef;
                for (Slot s : slots) {
                    Chunks.run(team, grain, s.length(), s.scaleGradient);
                }
            }
        }
        if (clipValue > 0) {
            factor = (float) clipValue;
            for (Slot s : slots) {
                Chunks.run(team, grain, s.length(), s.clampGradient);
            }
        }
    }
}
