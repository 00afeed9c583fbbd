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
 * The element-wise primitives, scalar reference against vector kernels. The kernels that write
 * in place ({@code axpy}, {@code multiplyAdd}) use a tiny factor so that repeated calls keep the
 * values ordinary.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class ElementwiseBenchmark {
    @Param({"1024", "65536", "1048576"})
    int size;

    float[] x;
    float[] y;
    float[] z;

    @Setup
    public void setup() {
        x = Backends.data(size, 1);
        y = Backends.data(size, 2);
        z = Backends.data(size, 3);
        float[] zs = z.clone();
        float[] zv = z.clone();
        SCALAR.multiplyAdd(x, 0, y, 0, zs, 0, size);
        VECTOR.multiplyAdd(x, 0, y, 0, zv, 0, size);
        Backends.agree("multiplyAdd", zs, zv);
        SCALAR.axpy(1e-9f, x, 0, zs, 0, size);
        VECTOR.axpy(1e-9f, x, 0, zv, 0, size);
        Backends.agree("axpy", zs, zv);
    }

    @Benchmark
    public float[] axpyScalar() {
        SCALAR.axpy(1e-9f, x, 0, z, 0, size);
        return z;
    }

    @Benchmark
    public float[] axpyVector() {
        VECTOR.axpy(1e-9f, x, 0, z, 0, size);
        return z;
    }

    @Benchmark
    public float[] multiplyAddScalar() {
        SCALAR.multiplyAdd(x, 0, y, 0, z, 0, size);
        return z;
    }

    @Benchmark
    public float[] multiplyAddVector() {
        VECTOR.multiplyAdd(x, 0, y, 0, z, 0, size);
        return z;
    }

    @Benchmark
    public float[] scaleScalar() {
        SCALAR.scale(0.5f, x, 0, y, 0, size);
        return y;
    }

    @Benchmark
    public float[] scaleVector() {
        VECTOR.scale(0.5f, x, 0, y, 0, size);
        return y;
    }
}
