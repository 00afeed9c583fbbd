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

/** The canonical reductions, scalar reference against vector kernels. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class ReductionBenchmark {
    @Param({"1024", "65536", "1048576"})
    int size;

    float[] x;
    float[] y;

    @Setup
    public void setup() {
        x = Backends.data(size, 1);
        y = Backends.data(size, 2);
        Backends.agree("dot", SCALAR.dot(x, 0, y, 0, size), VECTOR.dot(x, 0, y, 0, size));
        Backends.agree("sum", SCALAR.sum(x, 0, size), VECTOR.sum(x, 0, size));
        Backends.agree("sumSquares", SCALAR.sumSquares(x, 0, size), VECTOR.sumSquares(x, 0, size));
        Backends.agree("maxAbs", SCALAR.maxAbs(x, 0, size), VECTOR.maxAbs(x, 0, size));
    }

    @Benchmark
    public float dotScalar() {
        return SCALAR.dot(x, 0, y, 0, size);
    }

    @Benchmark
    public float dotVector() {
        return VECTOR.dot(x, 0, y, 0, size);
    }

    @Benchmark
    public float sumScalar() {
        return SCALAR.sum(x, 0, size);
    }

    @Benchmark
    public float sumVector() {
        return VECTOR.sum(x, 0, size);
    }

    @Benchmark
    public float sumSquaresScalar() {
        return SCALAR.sumSquares(x, 0, size);
    }

    @Benchmark
    public float sumSquaresVector() {
        return VECTOR.sumSquares(x, 0, size);
    }

    @Benchmark
    public float maxAbsScalar() {
        return SCALAR.maxAbs(x, 0, size);
    }

    @Benchmark
    public float maxAbsVector() {
        return VECTOR.maxAbs(x, 0, size);
    }
}
