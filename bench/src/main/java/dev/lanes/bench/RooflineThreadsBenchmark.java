package dev.lanes.bench;

import dev.lanes.kernel.Parallel;
import dev.lanes.vectorops.roofline.Roofline;
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
 * The in-place streaming bounds of {@link RooflineBenchmark} on a {@link Parallel} team: the same
 * 2-, 3- and 4-array streams, each thread taking one contiguous part, as the multi-threaded
 * optimizer step splits a parameter. With {@code threads = 1} it runs on the calling thread alone.
 * This is the bound {@link OptimizerThreadsBenchmark} is measured against, thread count by thread
 * count: how much more bandwidth a second core gets on this machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class RooflineThreadsBenchmark {
    /** Floats per array. */
    @Param({"1048576", "16777216"})
    int size;

    /** Threads of the team, the caller included. */
    @Param({"1", "2"})
    int threads;

    float[] a;
    float[] b;
    float[] c;
    float[] d;
    Parallel team;
    // one task object per stream, made once: no allocation per call
    private final Parallel.Range two = (from, to) -> Roofline.stream2(a, b, 1e-9f, from, to);
    private final Parallel.Range three = (from, to) -> Roofline.stream3(a, b, c, 1e-9f, from, to);
    private final Parallel.Range four = (from, to) -> Roofline.stream4(a, b, c, d, 1e-9f, from, to);

    @Setup
    public void setup() {
        a = Backends.data(size, 1);
        b = Backends.data(size, 2);
        c = Backends.data(size, 3);
        d = Backends.data(size, 4);
        team = new Parallel(threads);
    }

    @TearDown
    public void tearDown() {
        team.close();
    }

    private int grain() {
        return Math.max(64, size / threads);
    }

    @Benchmark
    public float[] stream2() {
        team.forRange(size, grain(), two);
        return a;
    }

    @Benchmark
    public float[] stream3() {
        team.forRange(size, grain(), three);
        return a;
    }

    @Benchmark
    public float[] stream4() {
        team.forRange(size, grain(), four);
        return a;
    }
}
