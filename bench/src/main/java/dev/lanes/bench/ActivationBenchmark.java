package dev.lanes.bench;

import static dev.lanes.bench.Backends.SCALAR;
import static dev.lanes.bench.Backends.VECTOR;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Activations and the fused loss of the MLP, scalar reference against vector kernels: ReLU and
 * tanh backward over a [batch][256] hidden layer, softmax + cross-entropy over [batch][10]
 * logits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class ActivationBenchmark {
    private static final int HIDDEN = 256;
    private static final int CLASSES = 10;

    @Param({"128"})
    int batch;

    float[] hidden;
    float[] activated;
    float[] grad;
    float[] dx;
    float[] logits;
    int[] labels;
    float[] dLogits;
    float[] rowLoss;

    @Setup
    public void setup() {
        int n = batch * HIDDEN;
        hidden = Backends.data(n, 1);
        grad = Backends.data(n, 2);
        activated = new float[n];
        dx = new float[n];
        logits = Backends.data(batch * CLASSES, 3);
        for (int i = 0; i < logits.length; i++) {
            logits[i] *= 8;
        }
        labels = new int[batch];
        for (int r = 0; r < batch; r++) {
            labels[r] = (r * 7) % CLASSES;
        }
        dLogits = new float[batch * CLASSES];
        rowLoss = new float[batch];
        float[] s = new float[n];
        SCALAR.reluForward(hidden, 0, s, 0, n);
        reluForwardVector();
        Backends.agree("reluForward", s, activated);
        SCALAR.reluBackward(activated, 0, grad, 0, s, 0, n);
        reluBackwardVector();
        Backends.agree("reluBackward", s, dx);
        SCALAR.tanhBackward(hidden, 0, grad, 0, s, 0, n);
        tanhBackwardVector();
        Backends.agree("tanhBackward", s, dx);
        float[] sd = new float[batch * CLASSES];
        float[] sl = new float[batch];
        float loss = SCALAR.softmaxCrossEntropy(logits, 0, labels, 0, sd, 0, sl, 0, batch, CLASSES, batch);
        Backends.agree("softmaxCrossEntropy loss", loss, softmaxCrossEntropyVector());
        Backends.agree("softmaxCrossEntropy gradient", sd, dLogits);
    }

    @Benchmark
    public float[] reluForwardScalar() {
        SCALAR.reluForward(hidden, 0, activated, 0, batch * HIDDEN);
        return activated;
    }

    @Benchmark
    public float[] reluForwardVector() {
        VECTOR.reluForward(hidden, 0, activated, 0, batch * HIDDEN);
        return activated;
    }

    @Benchmark
    public float[] reluBackwardScalar() {
        SCALAR.reluBackward(activated, 0, grad, 0, dx, 0, batch * HIDDEN);
        return dx;
    }

    @Benchmark
    public float[] reluBackwardVector() {
        VECTOR.reluBackward(activated, 0, grad, 0, dx, 0, batch * HIDDEN);
        return dx;
    }

    @Benchmark
    public float[] tanhBackwardScalar() {
        SCALAR.tanhBackward(hidden, 0, grad, 0, dx, 0, batch * HIDDEN);
        return dx;
    }

    @Benchmark
    public float[] tanhBackwardVector() {
        VECTOR.tanhBackward(hidden, 0, grad, 0, dx, 0, batch * HIDDEN);
        return dx;
    }

    @Benchmark
    public float softmaxCrossEntropyScalar() {
        return SCALAR.softmaxCrossEntropy(logits, 0, labels, 0, dLogits, 0, rowLoss, 0, batch, CLASSES, batch);
    }

    @Benchmark
    public float softmaxCrossEntropyVector() {
        return VECTOR.softmaxCrossEntropy(logits, 0, labels, 0, dLogits, 0, rowLoss, 0, batch, CLASSES, batch);
    }
}
