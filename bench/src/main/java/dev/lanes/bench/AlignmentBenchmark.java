package dev.lanes.bench;

import static dev.lanes.bench.Backends.SCALAR_STEPS;
import static dev.lanes.bench.Backends.VECTOR_STEPS;

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
 * How much the start address of the arrays matters: the SGD and momentum steps over a region that
 * starts {@code offset} floats into larger arrays. All arrays share one offset, and the three are
 * allocated with the same length, so they share their alignment.
 *
 * <p>Why it is here: C2's auto-vectorised loop (the scalar reference, when SuperWord takes it)
 * peels iterations until its stores are aligned to the vector size, using the array's address. A
 * Vector API loop cannot see that address (a heap array's address is not observable from Java and
 * moves with the garbage collector), so it starts where the region starts. A float array's data
 * begins 16 bytes after the start of an 8-byte-aligned object, so 256-bit accesses are aligned for
 * only one offset in eight (the benchmark tries the even ones); misaligned ones split a cache line
 * every other access. This benchmark shows
 * that cost for both backends, offset by offset, on the machine at hand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class AlignmentBenchmark {
    /** Floats per array the step updates. */
    @Param({"4096", "65536"})
    int size;

    /** Floats between the array's first element and the region's. */
    @Param({"0", "2", "4", "6"})
    int offset;

    float[] p;
    float[] g;
    float[] b;

    @Setup
    public void setup() {
        // the same length for all three: the same alignment for all three
        p = Backends.data(size + 16, 1);
        g = Backends.data(size + 16, 2);
        b = Backends.data(size + 16, 3);
        float[] ps = p.clone();
        float[] bs = b.clone();
        float[] pv = p.clone();
        float[] bv = b.clone();
        for (int t = 0; t < 2; t++) {
            OptimizerStepBenchmark.MOMENTUM_AT.run(SCALAR_STEPS, ps, g, bs, offset, size);
            OptimizerStepBenchmark.MOMENTUM_AT.run(VECTOR_STEPS, pv, g, bv, offset, size);
        }
        Backends.agree("momentum p", ps, pv);
        Backends.agree("momentum buffer", bs, bv);
    }

    @Benchmark
    public void sgdScalar() {
        OptimizerStepBenchmark.sgdAt(SCALAR_STEPS, p, g, offset, size);
    }

    @Benchmark
    public void sgdVector() {
        OptimizerStepBenchmark.sgdAt(VECTOR_STEPS, p, g, offset, size);
    }

    @Benchmark
    public void momentumScalar() {
        OptimizerStepBenchmark.MOMENTUM_AT.run(SCALAR_STEPS, p, g, b, offset, size);
    }

    @Benchmark
    public void momentumVector() {
        OptimizerStepBenchmark.MOMENTUM_AT.run(VECTOR_STEPS, p, g, b, offset, size);
    }
}
