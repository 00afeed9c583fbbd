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
 * Lanes' own exp, log, tanh and sigmoid over arrays, scalar reference against vector kernels.
 * Inputs are the seeded values of {@link Backends#data} in [-1, 1), scaled to each function's
 * working range: [-8, 8) for exp, tanh and sigmoid (both paths of tanh, both sides of sigmoid),
 * and (0, 16) for log, spread over several binades.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class TranscendentalBenchmark {
    @Param({"1024", "65536", "1048576"})
    int size;

    float[] x;
    float[] positive;
    float[] y;

    @Setup
    public void setup() {
        x = Backends.data(size, 1);
        positive = new float[size];
        for (int i = 0; i < size; i++) {
            positive[i] = (x[i] + 1.0001f) * (x[i] + 1.0001f) * 4f;
            x[i] *= 8f;
        }
        y = new float[size];
        float[] ys = new float[size];
        float[] yv = new float[size];
        SCALAR.exp(x, 0, ys, 0, size);
        VECTOR.exp(x, 0, yv, 0, size);
        Backends.agree("exp", ys, yv);
        SCALAR.log(positive, 0, ys, 0, size);
        VECTOR.log(positive, 0, yv, 0, size);
        Backends.agree("log", ys, yv);
        SCALAR.tanh(x, 0, ys, 0, size);
        VECTOR.tanh(x, 0, yv, 0, size);
        Backends.agree("tanh", ys, yv);
        SCALAR.sigmoid(x, 0, ys, 0, size);
        VECTOR.sigmoid(x, 0, yv, 0, size);
        Backends.agree("sigmoid", ys, yv);
    }

    @Benchmark
    public float[] expScalar() {
        SCALAR.exp(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] expVector() {
        VECTOR.exp(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] logScalar() {
        SCALAR.log(positive, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] logVector() {
        VECTOR.log(positive, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] tanhScalar() {
        SCALAR.tanh(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] tanhVector() {
        VECTOR.tanh(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] sigmoidScalar() {
        SCALAR.sigmoid(x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] sigmoidVector() {
        VECTOR.sigmoid(x, 0, y, 0, size);
        return y;
    }
}
