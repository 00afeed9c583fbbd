package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.AdaDelta;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.AdaMax;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Asgd;
import dev.lanes.optim.Momentum;
import dev.lanes.optim.NAdam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.QuickProp;
import dev.lanes.optim.RAdam;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer the trainer can drive goes through a checkpoint file and continues to the bits
 * of an uninterrupted run: its state arrays, per-parameter scalars and counters all travel.
 */
class ResumeEveryOptimizerTest {
    @TempDir
    Path dir;

    static final Dataset DATA = Blobs.classification(41, 90, 7, 3, 1.3);

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", (Function<List<Parameter>, Optimizer>) p -> Sgd.builder().learningRate(0.05)
                        .params(p).build()),
                Arguments.of("sgd momentum nesterov", (Function<List<Parameter>, Optimizer>) p -> Sgd.builder()
                        .learningRate(0.05).momentum(0.9).nesterov(true).weightDecay(1e-3).params(p).build()),
                Arguments.of("momentum", (Function<List<Parameter>, Optimizer>) p -> Momentum.builder()
                        .learningRate(0.02).params(p).build()),
                Arguments.of("adagrad", (Function<List<Parameter>, Optimizer>) p -> AdaGrad.builder().lrDecay(0.01)
                        .initialAccumulator(0.1).params(p).build()),
                Arguments.of("rmsprop centered momentum", (Function<List<Parameter>, Optimizer>) p -> RmsProp.builder()
                        .centered(true).momentum(0.5).params(p).build()),
                Arguments.of("adadelta", (Function<List<Parameter>, Optimizer>) p -> AdaDelta.builder().params(p).build()),
                Arguments.of("adam amsgrad", (Function<List<Parameter>, Optimizer>) p -> Adam.builder().learningRate(0.01)
                        .amsgrad(true).params(p).build()),
                Arguments.of("adamw", (Function<List<Parameter>, Optimizer>) p -> Adam.adamW().learningRate(0.01)
                        .params(p).build()),
                Arguments.of("adamax", (Function<List<Parameter>, Optimizer>) p -> AdaMax.builder().params(p).build()),
                Arguments.of("nadam", (Function<List<Parameter>, Optimizer>) p -> NAdam.builder().params(p).build()),
                Arguments.of("radam", (Function<List<Parameter>, Optimizer>) p -> RAdam.builder().learningRate(0.01)
                        .params(p).build()),
                Arguments.of("rprop", (Function<List<Parameter>, Optimizer>) p -> Rprop.builder().params(p).build()),
                Arguments.of("asgd", (Function<List<Parameter>, Optimizer>) p -> Asgd.builder().t0(3).lambda(0.01)
                        .params(p).build()),
                Arguments.of("quickprop", (Function<List<Parameter>, Optimizer>) p -> QuickProp.builder()
                        .learningRate(0.01).params(p).build()));
    }

    static Mlp net() {
        return Mlp.builder(7).hidden(9, Activation.TANH).output(3, Loss.SOFTMAX_CROSS_ENTROPY).seed(3).maxBatch(20)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void throughAFileToTheBitsOfAnUninterruptedRun(String name, Function<List<Parameter>, Optimizer> build)
            throws IOException {
        float[] expected;
        try (Mlp mlp = net(); Optimizer o = build.apply(mlp.parameters())) {
            Trainer.builder(mlp, o).epochs(4).batchSize(20).seed(8).build().fit(DATA, null);
            expected = mlp.parameterArray().clone();
        }
        Path file = dir.resolve(name.replace(' ', '-') + ".safetensors");
        try (Mlp mlp = net(); Optimizer o = build.apply(mlp.parameters())) {
            Trainer.builder(mlp, o).epochs(2).batchSize(20).seed(8).checkpoint(file, 1).build().fit(DATA, null);
        }
        try (Mlp mlp = net(); Optimizer o = build.apply(mlp.parameters())) {
            Trainer t = Trainer.builder(mlp, o).epochs(4).batchSize(20).seed(8).build();
            t.resume(file);
            assertEquals(2, t.epoch());
            t.fit(DATA, null);
            float[] actual = mlp.parameterArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                        name + ": parameter " + i + " after resuming from the file");
            }
        }
    }
}
