package dev.lanes.bench;

import dev.lanes.vectorops.roofline.Roofline;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
 * The machine's limits, measured in the same run as the kernels: in-place streaming over 2, 3
 * and 4 arrays at the optimizer sizes (bytes per element 12, 20, 28; see {@link Roofline}),
 * sqrt+div throughput and FMA throughput. {@code bench/report.py} turns ns/op into GB/s and
 * GFLOP/s and puts each kernel beside its bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class RooflineBenchmark {
    /** Rounds of the compute probes per call. */
    public static final int ROUNDS = 4096;

    @Param({"4096", "65536", "1048576", "16777216"})
    int size;

    float[] a;
    float[] b;
    float[] c;
    float[] d;

    @Setup
    public void setup() {
        a = Backends.data(size, 1);
        b = Backends.data(size, 2);
        c = Backends.data(size, 3);
        d = Backends.data(size, 4);
    }

    /** 12 bytes per element. Tiny factor: repeated calls keep the values ordinary. */
    @Benchmark
    public float[] stream2() {
        Roofline.stream2(a, b, 1e-9f, size);
        return a;
    }

    /** 20 bytes per element. */
    @Benchmark
    public float[] stream3() {
        Roofline.stream3(a, b, c, 1e-9f, size);
        return a;
    }

    /** 28 bytes per element. */
    @Benchmark
    public float[] stream4() {
        Roofline.stream4(a, b, c, d, 1e-9f, size);
        return a;
    }

    /**
     * {@code ROUNDS · 8 · lanes} sqrt+div pairs per call (independent of {@code size}). Not inlined
     * into JMH's measurement loop: inlined there, C2 keeps the chains in memory, not registers.
     */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float sqrtDiv() {
        return Roofline.sqrtDiv(ROUNDS, size);
    }

    /** {@code ROUNDS · 12 · lanes} FMAs per call (independent of {@code size}); not inlined, as above. */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float fma() {
        return Roofline.fma(ROUNDS, size);
    }
}
