package dev.lanes.bench;

import static dev.lanes.bench.Backends.SCALAR;
import static dev.lanes.bench.Backends.VECTOR;

import dev.lanes.nn.Mlp;
import dev.lanes.nn.examples.FashionMnist;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole network of the Fashion-MNIST example (784-256-128-10, ReLU, softmax cross-entropy,
 * {@link FashionMnist#network}) on the vector kernels, {@code batch} images at a time on
 * {@code threads} threads: {@link #inference} is {@link Mlp#predict} (forward and softmax) and
 * {@link #trainingStep} one step of training, {@link Mlp#lossAndGradient} (forward, loss,
 * backward) then {@link Optimizer#step()} of Adam (learning rate 10⁻³). Images per second =
 * batch / (time per op). Both allocate nothing in the steady state ({@code -prof gc}).
 *
 * <p>The images are 16 batches of seeded pixels in [0, 1) with seeded labels, taken in turn.
 * {@code @Setup} checks that the network predicts, and computes gradients, with the same bits as
 * the same network on the scalar reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class MlpBenchmark {
    private static final int BATCHES = 16;
    private static final int PIXELS = 784;

    @Param({"1", "128"})
    int batch;

    @Param({"1", "2"})
    int threads;

    Mlp mlp;
    Optimizer adam;
    float[] images;
    int[] labels;
    float[] probabilities;
    int next;

    @Setup
    public void setup() {
        mlp = FashionMnist.network(1, threads, 128, VECTOR);
        adam = Adam.builder().learningRate(1e-3).kernels(VECTOR).params(mlp.parameters()).build();
        images = Backends.data(BATCHES * batch * PIXELS, 5);
        for (int i = 0; i < images.length; i++) {
            images[i] = (images[i] + 1) / 2;
        }
        labels = new int[BATCHES * batch];
        float[] draw = Backends.data(labels.length, 6);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) ((draw[i] + 1) * 5) % FashionMnist.CLASSES;
        }
        probabilities = new float[batch * FashionMnist.CLASSES];
        try (Mlp reference = FashionMnist.network(1, 1, 128, SCALAR)) {
            float[] expected = new float[probabilities.length];
            reference.predict(images, 0, batch, expected, 0);
            mlp.predict(images, 0, batch, probabilities, 0);
            Backends.agree("predict", expected, probabilities);
            Backends.agree("loss", reference.lossAndGradient(images, 0, labels, 0, batch),
                    mlp.lossAndGradient(images, 0, labels, 0, batch));
            Backends.agree("gradient", reference.gradientArray(), mlp.gradientArray());
        }
    }

    @TearDown
    public void tearDown() {
        adam.close();
        mlp.close();
    }

    private int nextBatch() {
        int b = next;
        next = b + 1 == BATCHES ? 0 : b + 1;
        return b * batch;
    }

    @Benchmark
    public float[] inference() {
        int first = nextBatch();
        mlp.predict(images, first * PIXELS, batch, probabilities, 0);
        return probabilities;
    }

    @Benchmark
    public float trainingStep() {
        int first = nextBatch();
        float loss = mlp.lossAndGradient(images, first * PIXELS, labels, first, batch);
        adam.step();
        return loss;
    }
}
