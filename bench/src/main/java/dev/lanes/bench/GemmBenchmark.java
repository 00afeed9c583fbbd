package dev.lanes.bench;

import static dev.lanes.bench.Backends.SCALAR;
import static dev.lanes.bench.Backends.VECTOR;

import dev.lanes.kernel.Parallel;
import dev.lanes.kernel.Kernels;
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
 * The products of a dense layer, scalar reference against vector kernels, for each layer of the
 * 784-256-128-10 network at batch 128 and for two squares, on {@code threads} threads: every
 * product goes through {@link Kernels#parallel} on a {@link Parallel} team of that size (one
 * thread runs the kernel in the calling thread), so the two-thread scaling of each product is
 * its time at threads=1 over its time at threads=2. {@code shape} is {@code batch:in:out}; each
 * product does {@code 2·batch·in·out} flops (bias backward {@code batch·out}), so GFLOP/s =
 * 2·batch·in·out / (ns/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class GemmBenchmark {
    @Param({"128:784:256", "128:256:128", "128:128:10", "256:256:256", "512:512:512"})
    String shape;

    @Param({"1", "2"})
    int threads;

    Parallel team;
    Kernels scalar;
    Kernels vector;

    int batch;
    int in;
    int out;
    float[] x;
    float[] w;
    float[] wt;
    float[] b;
    float[] y;
    float[] dy;
    float[] dw;
    float[] db;
    float[] dx;

    @Setup
    public void setup() {
        team = new Parallel(threads);
        scalar = SCALAR.parallel(team);
        vector = VECTOR.parallel(team);
        String[] parts = shape.split(":");
        batch = Integer.parseInt(parts[0]);
        in = Integer.parseInt(parts[1]);
        out = Integer.parseInt(parts[2]);
        x = Backends.data(batch * in, 1);
        w = Backends.data(in * out, 2);
        b = Backends.data(out, 3);
        dy = Backends.data(batch * out, 4);
        wt = new float[out * in];
        VECTOR.transpose(w, 0, out, wt, 0, in, in, out);
        y = new float[batch * out];
        dw = new float[in * out];
        db = new float[out];
        dx = new float[batch * in];
        float[] s = new float[batch * out];
        SCALAR.gemmForward(x, 0, in, w, 0, out, b, 0, s, 0, out, batch, in, out);
        forwardVector();
        Backends.agree("gemmForward", s, y);
        s = new float[in * out];
        SCALAR.gemmBackwardWeights(x, 0, in, dy, 0, out, s, 0, out, batch, in, out);
        backwardWeightsVector();
        Backends.agree("gemmBackwardWeights", s, dw);
        s = new float[batch * in];
        SCALAR.gemmBackwardInput(dy, 0, out, wt, 0, in, s, 0, in, batch, out, in);
        backwardInputVector();
        Backends.agree("gemmBackwardInput", s, dx);
        s = new float[out];
        SCALAR.biasBackward(dy, 0, out, s, 0, batch, out);
        biasBackwardVector();
        Backends.agree("biasBackward", s, db);
    }

    @TearDown
    public void tearDown() {
        team.close();
    }

    @Benchmark
    public float[] forwardScalar() {
        scalar.gemmForward(x, 0, in, w, 0, out, b, 0, y, 0, out, batch, in, out);
        return y;
    }

    @Benchmark
    public float[] forwardVector() {
        vector.gemmForward(x, 0, in, w, 0, out, b, 0, y, 0, out, batch, in, out);
        return y;
    }

    @Benchmark
    public float[] backwardWeightsScalar() {
        scalar.gemmBackwardWeights(x, 0, in, dy, 0, out, dw, 0, out, batch, in, out);
        return dw;
    }

    @Benchmark
    public float[] backwardWeightsVector() {
        vector.gemmBackwardWeights(x, 0, in, dy, 0, out, dw, 0, out, batch, in, out);
        return dw;
    }

    @Benchmark
    public float[] backwardInputScalar() {
        scalar.gemmBackwardInput(dy, 0, out, wt, 0, in, dx, 0, in, batch, out, in);
        return dx;
    }

    @Benchmark
    public float[] backwardInputVector() {
        vector.gemmBackwardInput(dy, 0, out, wt, 0, in, dx, 0, in, batch, out, in);
        return dx;
    }

    @Benchmark
    public float[] biasBackwardScalar() {
        scalar.biasBackward(dy, 0, out, db, 0, batch, out);
        return db;
    }

    @Benchmark
    public float[] biasBackwardVector() {
        vector.biasBackward(dy, 0, out, db, 0, batch, out);
        return db;
    }
}
