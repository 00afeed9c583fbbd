package dev.lanes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanes.kernel.Kernels;
import dev.lanes.optim.AdaDelta;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.AdaMax;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Asgd;
import dev.lanes.optim.NAdam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.RAdam;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A PyTorch optimizer configuration (the class name in {@code torch.optim} and its keyword
 * arguments) as the Lanes optimizer that computes the same update. Keyword arguments left out take
 * PyTorch's defaults, which are also those of the Lanes builders. {@code maximize} is honoured by
 * every optimizer. Arguments that do not change a CPU result ({@code differentiable}, and
 * {@code foreach}, {@code fused} and {@code capturable} when false) are accepted; switching on
 * another implementation whose rounding Lanes does not reproduce ({@code foreach=True}, which in
 * PyTorch 1.13 rounds Adagrad differently; {@code capturable=True}, which computes the bias
 * corrections in float32 tensors; {@code fused=True}) is refused by name rather than ignored.
 */
final class PyTorchOptimizers {
    /** Arguments that change how PyTorch runs, not what it computes; accepted when false or null. */
    private static final Set<String> IMPLEMENTATION_ONLY = Set.of("differentiable");

    /** Arguments that choose another PyTorch implementation, whose rounding Lanes does not follow; accepted when false or null. */
    private static final Set<String> OTHER_ROUNDING = Set.of("foreach", "fused", "capturable");

    private PyTorchOptimizers() {}

    /**
     * The Lanes optimizer for {@code torch.optim.<className>(params, **kwargs)}.
     *
     * @throws IllegalArgumentException naming an unknown class, an unsupported argument or a bad value
     */
    static Optimizer build(String className, JsonNode kwargs, Kernels kernels, Parameter p) {
        Args a = new Args(className, kwargs);
        Optimizer o = switch (className) {
            case "SGD" -> Sgd.builder().learningRate(a.num("lr", Double.NaN)).weightDecay(a.num("weight_decay", 0))
                    .momentum(a.num("momentum", 0)).dampening(a.num("dampening", 0)).nesterov(a.bool("nesterov"))
                    .maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            case "Adam", "AdamW" -> {
                boolean w = className.equals("AdamW");
                double[] betas = a.pair("betas", 0.9, 0.999);
                yield (w ? Adam.adamW() : Adam.builder()).learningRate(a.num("lr", 1e-3))
                        .weightDecay(a.num("weight_decay", w ? 1e-2 : 0)).betas(betas[0], betas[1])
                        .eps(a.num("eps", 1e-8)).amsgrad(a.bool("amsgrad")).maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            }
            case "Adagrad" -> AdaGrad.builder().learningRate(a.num("lr", 1e-2)).weightDecay(a.num("weight_decay", 0))
                    .lrDecay(a.num("lr_decay", 0)).initialAccumulator(a.num("initial_accumulator_value", 0))
                    .eps(a.num("eps", 1e-10)).maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            case "RMSprop" -> RmsProp.builder().learningRate(a.num("lr", 1e-2)).weightDecay(a.num("weight_decay", 0))
                    .alpha(a.num("alpha", 0.99)).eps(a.num("eps", 1e-8)).momentum(a.num("momentum", 0))
                    .centered(a.bool("centered")).maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            case "Adadelta" -> AdaDelta.builder().learningRate(a.num("lr", 1.0)).weightDecay(a.num("weight_decay", 0))
                    .rho(a.num("rho", 0.9)).eps(a.num("eps", 1e-6)).maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            case "Adamax" -> {
                double[] betas = a.pair("betas", 0.9, 0.999);
                yield AdaMax.builder().learningRate(a.num("lr", 2e-3)).weightDecay(a.num("weight_decay", 0))
                        .betas(betas[0], betas[1]).eps(a.num("eps", 1e-8)).maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            }
            case "NAdam" -> {
                double[] betas = a.pair("betas", 0.9, 0.999);
                yield NAdam.builder().learningRate(a.num("lr", 2e-3)).weightDecay(a.num("weight_decay", 0))
                        .betas(betas[0], betas[1]).eps(a.num("eps", 1e-8)).momentumDecay(a.num("momentum_decay", 4e-3))
                        .maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            }
            case "RAdam" -> {
                double[] betas = a.pair("betas", 0.9, 0.999);
                yield RAdam.builder().learningRate(a.num("lr", 1e-3)).weightDecay(a.num("weight_decay", 0))
                        .betas(betas[0], betas[1]).eps(a.num("eps", 1e-8)).maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            }
            case "Rprop" -> {
                double[] etas = a.pair("etas", 0.5, 1.2);
                double[] sizes = a.pair("step_sizes", 1e-6, 50);
                yield Rprop.builder().learningRate(a.num("lr", 1e-2)).etas(etas[0], etas[1]).stepSizes(sizes[0], sizes[1])
                        .maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            }
            case "ASGD" -> Asgd.builder().learningRate(a.num("lr", 1e-2)).weightDecay(a.num("weight_decay", 0))
                    .lambda(a.num("lambd", 1e-4)).alpha(a.num("alpha", 0.75)).t0(a.num("t0", 1e6))
                    .maximize(a.bool("maximize")).kernels(kernels).params(p).build();
            default -> throw new IllegalArgumentException("unknown PyTorch optimizer '"
                    + ReplayCommand.oneLine(className) + "' (known: SGD, Adam, AdamW, Adagrad, RMSprop, Adadelta, Adamax, NAdam, RAdam, Rprop, ASGD)");
        };
        a.checkAllUsed();
        return o;
    }

    /** The keyword arguments, remembering which were read so that unknown ones can be refused. */
    private static final class Args {
        private final String className;
        private final JsonNode kwargs;
        private final java.util.HashSet<String> used = new java.util.HashSet<>();

        Args(String className, JsonNode kwargs) {
            this.className = className;
            this.kwargs = kwargs == null || kwargs.isNull() ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                    : kwargs;
            if (!this.kwargs.isNull() && !this.kwargs.isObject()) {
                throw new IllegalArgumentException(className + ": hyperparams must be an object, was a "
                        + kwargs.getNodeType());
            }
        }

        double num(String key, double otherwise) {
            used.add(key);
            JsonNode v = kwargs.get(key);
            if (v == null || v.isNull()) {
                if (Double.isNaN(otherwise)) {
                    throw new IllegalArgumentException(className + " needs '" + key + "'");
                }
                return otherwise;
            }
            if (!v.isNumber()) {
                throw new IllegalArgumentException(className + ": '" + key + "' must be a number, was "
                        + ReplayCommand.oneLine(v.toString()));
            }
            return v.doubleValue();
        }

        boolean bool(String key) {
            used.add(key);
            JsonNode v = kwargs.get(key);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(className + ": '" + key + "' must be true or false, was "
                        + ReplayCommand.oneLine(v.toString()));
            }
            return v.booleanValue();
        }

        double[] pair(String key, double first, double second) {
            used.add(key);
            JsonNode v = kwargs.get(key);
            if (v == null || v.isNull()) {
                return new double[] {first, second};
            }
            if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
                throw new IllegalArgumentException(className + ": '" + key + "' must be a pair of numbers, was "
                        + ReplayCommand.oneLine(v.toString()));
            }
            return new double[] {v.get(0).doubleValue(), v.get(1).doubleValue()};
        }

        void checkAllUsed() {
            for (Iterator<Map.Entry<String, JsonNode>> it = kwargs.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (used.contains(key)) {
                    continue;
                }
                JsonNode v = e.getValue();
                if (IMPLEMENTATION_ONLY.contains(key) && (v.isNull() || v.isBoolean())) {
                    continue;
                }
                if (OTHER_ROUNDING.contains(key) && (v.isNull() || (v.isBoolean() && !v.booleanValue()))) {
                    continue;
                }
                if (OTHER_ROUNDING.contains(key) && v.isBoolean()) {
                    throw new IllegalArgumentException(className + ": keyword argument " + ReplayCommand.oneLine(key) + "=true is not supported"
                            + " (it selects another PyTorch implementation, whose rounding Lanes does not reproduce;"
                            + " record with " + ReplayCommand.oneLine(key) + "=False)");
                }
                throw new IllegalArgumentException(className + ": keyword argument "
                        + ReplayCommand.oneLine(key + "=" + v) + " is not supported");
            }
        }
    }
}
