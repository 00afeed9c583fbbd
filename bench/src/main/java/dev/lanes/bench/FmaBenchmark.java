package dev.lanes.bench;

import dev.lanes.kernel.internal.Fma;
import dev.lanes.vectorops.VectorFma;
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
 * The float fma {@code out[i] = fma(a[i], b[i], c[i])} over arrays in L1, by each path: the
 * JDK's ({@code Math.fma}, {@code FloatVector.fma}), the emulation through double
 * ({@link Fma#emulated}, {@code VectorFma.fmaEmulated}) and the path chosen at start-up
 * ({@link Fma#fma}, {@code VectorFma.fma}). Run it twice:
 * <pre>
 *   ./lanes jmh FmaBenchmark
 *   ./lanes jmh FmaBenchmark -jvmArgsAppend "--add-modules=jdk.incubator.vector -Xms1g -Xmx1g -XX:-UseFMA"
 * </pre>
 * With FMA, {@code *Chosen} should equal {@code *Jdk} (the choice is a folded constant); without
 * it, {@code *Chosen} should equal {@code *Emulated}, and {@code *Jdk} shows the JDK's fallback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class FmaBenchmark {
    @Param({"1024"})
    int size;

    float[] a;
    float[] b;
    float[] c;
    float[] out;

    @Setup
    public void setup() {
        a = Backends.data(size, 1);
        b = Backends.data(size, 2);
        c = Backends.data(size, 3);
        out = new float[size];
        float[] reference = new float[size];
        for (int i = 0; i < size; i++) {
            reference[i] = Math.fma(a[i], b[i], c[i]);
        }
        float[] r = new float[size];
        VectorFma.fma(a, b, c, r, size);
        Backends.agree("VectorFma.fma", reference, r);
        VectorFma.fmaEmulated(a, b, c, r, size);
        Backends.agree("VectorFma.fmaEmulated", reference, r);
        VectorFma.fmaJdk(a, b, c, r, size);
        Backends.agree("VectorFma.fmaJdk", reference, r);
        for (int i = 0; i < size; i++) {
            Backends.agree("Fma.emulated", reference[i], Fma.emulated(a[i], b[i], c[i]));
            Backends.agree("Fma.fma", reference[i], Fma.fma(a[i], b[i], c[i]));
        }
    }

    @Benchmark
    public float[] scalarJdk() {
        for (int i = 0; i < size; i++) {
            out[i] = Math.fma(a[i], b[i], c[i]);
        }
        return out;
    }

    @Benchmark
    public float[] scalarEmulated() {
        for (int i = 0; i < size; i++) {
            out[i] = Fma.emulated(a[i], b[i], c[i]);
        }
        return out;
    }

    @Benchmark
    public float[] scalarChosen() {
        for (int i = 0; i < size; i++) {
            out[i] = Fma.fma(a[i], b[i], c[i]);
        }
        return out;
    }

    @Benchmark
    public float[] vectorJdk() {
        VectorFma.fmaJdk(a, b, c, out, size);
        return out;
    }

    @Benchmark
    public float[] vectorEmulated() {
        VectorFma.fmaEmulated(a, b, c, out, size);
        return out;
    }

    @Benchmark
    public float[] vectorChosen() {
        VectorFma.fma(a, b, c, out, size);
        return out;
    }
}
