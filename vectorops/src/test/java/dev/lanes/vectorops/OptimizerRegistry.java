package dev.lanes.vectorops;

import dev.lanes.kernel.Kernels;
import dev.lanes.optim.AdaDelta;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.AdaMax;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Asgd;
import dev.lanes.optim.Momentum;
import dev.lanes.optim.NAdam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.ParamGroup;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.QuickProp;
import dev.lanes.optim.RAdam;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Named configurations of every optimizer, in the manner of PyTorch's {@code common_optimizers}:
 * each is built over the same three parameters (one of length 0, one at an offset inside a larger
 * array, one of 37 elements to exercise every tail) on the kernels given.
 */
final class OptimizerRegistry {
    private OptimizerRegistry() {}

    /** A named way to build an optimizer on given kernels over given parameters. */
    record Config(String name, BiFunction<Kernels, List<Parameter>, Optimizer> build) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Config c(String name, BiFunction<Kernels, List<Parameter>, Optimizer> build) {
        return new Config(name, build);
    }

    static final List<Config> ALL = List.of(
            c("sgd default", (k, p) -> Sgd.builder().kernels(k).params(p).build()),
            c("sgd weight decay", (k, p) -> Sgd.builder().learningRate(0.1).weightDecay(0.01).kernels(k).params(p).build()),
            c("sgd momentum", (k, p) -> Sgd.builder().momentum(0.9).kernels(k).params(p).build()),
            c("sgd momentum dampening", (k, p) -> Sgd.builder().momentum(0.9).dampening(0.5).weightDecay(0.1)
                    .kernels(k).params(p).build()),
            c("sgd nesterov", (k, p) -> Sgd.builder().momentum(0.9).nesterov(true).kernels(k).params(p).build()),
            c("sgd schedule", (k, p) -> Sgd.builder().schedule(s -> 0.1 / (1 + s)).kernels(k).params(p).build()),
            c("sgd clip norm", (k, p) -> Sgd.builder().clipGradientNorm(0.5).kernels(k).params(p).build()),
            c("sgd clip value", (k, p) -> Sgd.builder().clipGradientValue(0.25).kernels(k).params(p).build()),
            c("momentum default", (k, p) -> Momentum.builder().kernels(k).params(p).build()),
            c("momentum weight decay", (k, p) -> Momentum.builder().alpha(0.5).weightDecay(0.01).kernels(k)
                    .params(p).build()),
            c("momentum nesterov", (k, p) -> Momentum.builder().nesterov(true).kernels(k).params(p).build()),
            c("momentum nesterov decoupled", (k, p) -> Momentum.builder().nesterov(true).weightDecay(0.1)
                    .decoupledWeightDecay(true).kernels(k).params(p).build()),
            c("sgd decoupled", (k, p) -> Sgd.builder().momentum(0.5).weightDecay(0.1).decoupledWeightDecay(true)
                    .kernels(k).params(p).build()),
            c("rmsprop decoupled", (k, p) -> RmsProp.builder().weightDecay(0.1).decoupledWeightDecay(true)
                    .kernels(k).params(p).build()),
            c("adagrad default", (k, p) -> AdaGrad.builder().kernels(k).params(p).build()),
            c("adagrad decay", (k, p) -> AdaGrad.builder().lrDecay(0.1).initialAccumulator(0.1).weightDecay(0.01)
                    .kernels(k).params(p).build()),
            c("rmsprop default", (k, p) -> RmsProp.builder().kernels(k).params(p).build()),
            c("rmsprop centered", (k, p) -> RmsProp.builder().centered(true).kernels(k).params(p).build()),
            c("rmsprop momentum", (k, p) -> RmsProp.builder().momentum(0.9).weightDecay(0.01).kernels(k)
                    .params(p).build()),
            c("rmsprop everything", (k, p) -> RmsProp.builder().momentum(0.5).centered(true).epsInside(true)
                    .kernels(k).params(p).build()),
            c("adadelta default", (k, p) -> AdaDelta.builder().kernels(k).params(p).build()),
            c("adadelta weight decay", (k, p) -> AdaDelta.builder().rho(0.5).weightDecay(0.1).kernels(k)
                    .params(p).build()),
            c("adam default", (k, p) -> Adam.builder().kernels(k).params(p).build()),
            c("adam amsgrad", (k, p) -> Adam.builder().amsgrad(true).kernels(k).params(p).build()),
            c("adam weight decay", (k, p) -> Adam.builder().weightDecay(0.1).kernels(k).params(p).build()),
            c("adam no bias correction", (k, p) -> Adam.builder().biasCorrection(false).kernels(k).params(p).build()),
            c("adam eps inside", (k, p) -> Adam.builder().epsInside(true).eps(1e-6).kernels(k).params(p).build()),
            c("adamw default", (k, p) -> Adam.adamW().kernels(k).params(p).build()),
            c("adamw amsgrad", (k, p) -> Adam.adamW().amsgrad(true).betas(0.8, 0.99).kernels(k).params(p).build()),
            c("adam groups", (k, p) -> Adam.adamW().kernels(k).group(ParamGroup.of(p.get(0), p.get(1)))
                    .group(ParamGroup.of(p.get(2)).withWeightDecay(0).withLearningRate(0.01)).build()),
            c("adamax default", (k, p) -> AdaMax.builder().kernels(k).params(p).build()),
            c("adamax weight decay", (k, p) -> AdaMax.builder().weightDecay(0.1).kernels(k).params(p).build()),
            c("nadam default", (k, p) -> NAdam.builder().kernels(k).params(p).build()),
            c("nadam weight decay", (k, p) -> NAdam.builder().weightDecay(0.1).momentumDecay(0.01).kernels(k)
                    .params(p).build()),
            c("radam default", (k, p) -> RAdam.builder().kernels(k).params(p).build()),
            c("radam weight decay", (k, p) -> RAdam.builder().weightDecay(0.1).betas(0.5, 0.9).kernels(k)
                    .params(p).build()),
            c("rprop default", (k, p) -> Rprop.builder().kernels(k).params(p).build()),
            c("rprop etas", (k, p) -> Rprop.builder().etas(0.3, 1.5).stepSizes(1e-3, 1).kernels(k).params(p).build()),
            c("asgd default", (k, p) -> Asgd.builder().kernels(k).params(p).build()),
            c("asgd averaging", (k, p) -> Asgd.builder().t0(2).lambda(0.01).weightDecay(0.01).kernels(k)
                    .params(p).build()),
            c("quickprop default", (k, p) -> QuickProp.builder().kernels(k).params(p).build()),
            c("quickprop weight decay", (k, p) -> QuickProp.builder().maxGrowth(1.2).weightDecay(0.01).kernels(k)
                    .params(p).build()));

    private static final float[] SPECIALS = {
        0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e30f, 1e-40f};

    /** A model: three parameters and their gradients, drawn from {@code seed}. */
    static final class Model {
        final float[] a = new float[110];
        final float[] ga = new float[110];
        final float[] b = new float[0];
        final float[] gb = new float[0];
        final float[] c = new float[37];
        final float[] gc = new float[37];
        final List<Parameter> params;
        private final long seed;
        private final boolean specials;
        private final Runnable fill = this::fillGradients;
        private long state;
        int steps;

        Model(long seed, boolean specials) {
            this.seed = seed;
            SplittableRandom random = new SplittableRandom(seed);
            this.specials = specials;
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) random.nextGaussian();
            }
            params = List.of(new Parameter("w", a, 3, 100, ga, 7), Parameter.of("empty", b, gb),
                    Parameter.of("bias", c, gc));
        }

        /**
         * Fills the gradients with the values of step {@link #steps} (a function of the seed and the
         * step alone); with specials, now and then ±0, ±∞, NaN, huge or subnormal values.
         */
        void fillGradients() {
            state = seed * 1_000_003L + steps;
            fill(ga);
            fill(gc);
        }

        private void fill(float[] g) {
            for (int i = 0; i < g.length; i++) {
                long x = next();
                g[i] = (x >>> 40) * 0x1p-22f - 2f;
                if (specials && (x & 63) == 0) {
                    g[i] = SPECIALS[(int) ((x >>> 6) & 0xffff) % SPECIALS.length];
                }
            }
        }

        /** One step as a training loop would take it: gradients computed, then the optimizer steps. */
        boolean step(Optimizer o) {
            boolean applied;
            if (o instanceof Momentum m) {
                applied = m.step(fill);
            } else {
                fillGradients();
                applied = o.step();
            }
            steps++;
            return applied;
        }

        /** SplitMix64: allocation-free, so that the allocation test can fill gradients too. */
        private long next() {
            long z = state += 0x9e3779b97f4a7c15L;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        /** Copies of the parameter arrays. */
        float[][] snapshot() {
            return new float[][] {a.clone(), c.clone()};
        }
    }
}
