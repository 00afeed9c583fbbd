package dev.lanes.optim;

/**
 * The builder of the algorithms that keep Adam's two moment estimates (Adam, AdamW, AdaMax,
 * NAdam, RAdam): β1, β2 and eps, with PyTorch's defaults (0.9, 0.999) and 1e-8.
 *
 * @param <B> the concrete builder
 * @param <O> the optimizer it builds
 */
public abstract class MomentsBuilder<B extends MomentsBuilder<B, O>, O extends Optimizer>
        extends OptimizerBuilder<B, O> {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;

    MomentsBuilder(double defaultLearningRate) {
        super(defaultLearningRate);
    }

    /** β1 and β2, each in [0, 1); default (0.9, 0.999). */
    public B betas(double beta1, double beta2) {
        Hyper.unit("beta1", beta1);
        Hyper.unit("beta2", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return self();
    }

    /** eps {@code > 0}; default 1e-8. */
    public B eps(double eps) {
        this.eps = Hyper.positive("eps", eps);
        return self();
    }
}
