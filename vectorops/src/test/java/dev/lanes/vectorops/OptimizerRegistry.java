package dev.lanes.vectorops;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.optim.AdaDelta;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.AdaMax;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Asgd;
import dev.lanes.optim.Momentum;
import dev.lanes.optim.Nesterov;
import dev.lanes.optim.NAdam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerBuilder;
import dev.lanes.optim.ParamGroup;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.QuickProp;
import dev.lanes.optim.RAdam;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Named configurations of every optimizer, in the manner of PyTorch's {@code common_optimizers}:
 * each is built over the same three parameters (one of length 0, one at an offset inside a larger
 * array, one of 37 elements to exercise every tail) on the kernels given, with or without a team
 * of threads.
 */
final class OptimizerRegistry {
    private OptimizerRegistry() {}

    /**
     * What an optimizer runs on: the kernels, and a team with the grain of its chunks (no team:
     * every step on the calling thread).
     */
    record Backend(Kernels kernels, Parallel team, int grain) {
        /** The builder set to run on this backend. */
        <B extends OptimizerBuilder<B, ?>> B on(B builder) {
            return builder.kernels(kernels).parallel(team, grain);
        }
    }

    /** Builds an optimizer on a backend over given parameters. */
    @FunctionalInterface
    interface Build {
        Optimizer apply(Backend backend, List<Parameter> params);

        /** On {@code kernels}, without a team. */
        default Optimizer apply(Kernels kernels, List<Parameter> params) {
            return apply(new Backend(kernels, null, Optimizer.DEFAULT_GRAIN), params);
        }
    }

    /** A named way to build an optimizer. */
    record Config(String name, Build build) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Config c(String name, Build build) {
        return new Config(name, build);
    }

    static final List<Config> ALL = List.of(
            c("sgd default", (k, p) -> k.on(Sgd.builder()).params(p).build()),
            c("sgd weight decay", (k, p) -> k.on(Sgd.builder().learningRate(0.1).weightDecay(0.01)).params(p).build()),
            c("sgd momentum", (k, p) -> k.on(Sgd.builder().momentum(0.9)).params(p).build()),
            c("sgd momentum dampening", (k, p) -> k.on(Sgd.builder().momentum(0.9).dampening(0.5).weightDecay(0.1))
                    .params(p).build()),
            c("sgd nesterov", (k, p) -> k.on(Sgd.builder().momentum(0.9).nesterov(true)).params(p).build()),
            c("sgd schedule", (k, p) -> k.on(Sgd.builder().schedule(s -> 0.1 / (1 + s))).params(p).build()),
            c("sgd clip norm", (k, p) -> k.on(Sgd.builder().clipGradientNorm(0.5)).params(p).build()),
            c("sgd clip value", (k, p) -> k.on(Sgd.builder().clipGradientValue(0.25)).params(p).build()),
            c("momentum default", (k, p) -> k.on(Momentum.builder()).params(p).build()),
            c("momentum weight decay", (k, p) -> k.on(Momentum.builder().alpha(0.5).weightDecay(0.01)).params(p)
                    .build()),
            c("nesterov look-ahead", (k, p) -> k.on(Nesterov.builder()).params(p).build()),
            c("nesterov look-ahead decoupled", (k, p) -> k.on(Nesterov.builder().weightDecay(0.1)
                    .decoupledWeightDecay(true)).params(p).build()),
            c("sgd decoupled", (k, p) -> k.on(Sgd.builder().momentum(0.5).weightDecay(0.1).decoupledWeightDecay(true))
                    .params(p).build()),
            c("rmsprop decoupled", (k, p) -> k.on(RmsProp.builder().weightDecay(0.1).decoupledWeightDecay(true))
                    .params(p).build()),
            c("adagrad default", (k, p) -> k.on(AdaGrad.builder()).params(p).build()),
            c("adagrad decay", (k, p) -> k.on(AdaGrad.builder().lrDecay(0.1).initialAccumulator(0.1)
                    .weightDecay(0.01)).params(p).build()),
            c("rmsprop default", (k, p) -> k.on(RmsProp.builder()).params(p).build()),
            c("rmsprop centered", (k, p) -> k.on(RmsProp.builder().centered(true)).params(p).build()),
            c("rmsprop momentum", (k, p) -> k.on(RmsProp.builder().momentum(0.9).weightDecay(0.01)).params(p).build()),
            c("rmsprop everything", (k, p) -> k.on(RmsProp.builder().momentum(0.5).centered(true).epsInside(true))
                    .params(p).build()),
            c("adadelta default", (k, p) -> k.on(AdaDelta.builder()).params(p).build()),
            c("adadelta weight decay", (k, p) -> k.on(AdaDelta.builder().rho(0.5).weightDecay(0.1)).params(p).build()),
            c("adam default", (k, p) -> k.on(Adam.builder()).params(p).build()),
            c("adam amsgrad", (k, p) -> k.on(Adam.builder().amsgrad(true)).params(p).build()),
            c("adam weight decay", (k, p) -> k.on(Adam.builder().weightDecay(0.1)).params(p).build()),
            c("adam no bias correction", (k, p) -> k.on(Adam.builder().biasCorrection(false)).params(p).build()),
            c("adam eps inside", (k, p) -> k.on(Adam.builder().epsInside(true).eps(1e-6)).params(p).build()),
            c("adamw default", (k, p) -> k.on(Adam.adamW()).params(p).build()),
            c("adamw amsgrad", (k, p) -> k.on(Adam.adamW().amsgrad(true).betas(0.8, 0.99)).params(p).build()),
            c("adam groups", (k, p) -> k.on(Adam.adamW()).group(ParamGroup.of(p.get(0), p.get(1))).group(ParamGroup
                    .of(p.get(2)).withWeightDecay(0).withLearningRate(0.01)).build()),
            c("adamax default", (k, p) -> k.on(AdaMax.builder()).params(p).build()),
            c("adamax weight decay", (k, p) -> k.on(AdaMax.builder().weightDecay(0.1)).params(p).build()),
            c("nadam default", (k, p) -> k.on(NAdam.builder()).params(p).build()),
            c("nadam weight decay", (k, p) -> k.on(NAdam.builder().weightDecay(0.1).momentumDecay(0.01)).params(p)
                    .build()),
            c("radam default", (k, p) -> k.on(RAdam.builder()).params(p).build()),
            c("radam weight decay", (k, p) -> k.on(RAdam.builder().weightDecay(0.1).betas(0.5, 0.9)).params(p).build()),
            c("rprop default", (k, p) -> k.on(Rprop.builder()).params(p).build()),
            c("rprop etas", (k, p) -> k.on(Rprop.builder().etas(0.3, 1.5).stepSizes(1e-3, 1)).params(p).build()),
            c("asgd default", (k, p) -> k.on(Asgd.builder()).params(p).build()),
            c("asgd averaging", (k, p) -> k.on(Asgd.builder().t0(2).lambda(0.01).weightDecay(0.01)).params(p).build()),
            c("quickprop default", (k, p) -> k.on(QuickProp.builder()).params(p).build()),
            c("sgd momentum maximize", (k, p) -> k.on(Sgd.builder().momentum(0.9).weightDecay(0.01).maximize(true))
                    .params(p).build()),
            c("adam maximize", (k, p) -> k.on(Adam.builder().weightDecay(0.1).maximize(true)).params(p).build()),
            c("rprop maximize", (k, p) -> k.on(Rprop.builder().maximize(true)).params(p).build()),
            c("asgd maximize", (k, p) -> k.on(Asgd.builder().t0(2).maximize(true)).params(p).build()),
            c("nesterov look-ahead maximize", (k, p) -> k.on(Nesterov.builder().maximize(true)).params(p).build()),
            c("quickprop weight decay", (k, p) -> k.on(QuickProp.builder().maxGrowth(1.2).weightDecay(0.01)).params(p)
                    .build()));

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
            if (o instanceof Nesterov n) {
                n.lookAhead();
                fillGradients();
                applied = n.step();
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
