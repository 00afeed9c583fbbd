package dev.lanes.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What every fuzz target of a file reader shares: a scratch file for the input, the contract on
 * a failure's message, the allocation measurement that enforces a reader's stated memory bound,
 * and the count of executions, printed and written to {@code target/fuzz/<target>.txt} when the
 * target's class is done.
 *
 * <p><b>Why Jazzer.</b> The targets are Jazzer {@code @FuzzTest}s (coverage-guided libFuzzer
 * mutation, in process, as JUnit tests). Random and mutated bytes (jqwik) rarely get past a
 * format's first checks: a safetensors header must be a length that matches, then JSON, then
 * offsets that tile the data, before the interesting code runs; coverage feedback and the
 * comparison hooks (which learn the constants the parser compares against) walk through those
 * gates in seconds. Jazzer 0.30 runs on JDK 25 here (checked: instrumentation, fuzzing and
 * findings). Each target runs briefly in every build ({@code -Dlanes.fuzz.duration}, the
 * {@code fuzz} surefire execution, one JVM per target, because libFuzzer fuzzes one target per
 * process) after replaying its seed corpus and past findings under
 * {@code src/test/resources/<package>/<Class>Inputs/<method>}; see the README for long runs.
 */
public final class FuzzSupport {
    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, found reflectively
     * because the tests compile inside the module {@code dev.lanes.nn}, which does not read
     * {@code jdk.management} (they run on the class path, where everything is readable).
     */
    private static final MethodHandle ALLOCATED;

    static {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            ALLOCATED = MethodHandles.publicLookup().findVirtual(type, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(bean);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FuzzSupport() {}

    /**
     * A scratch file, one per target, rewritten for every input: in memory ({@code /dev/shm})
     * where there is such a file system, because rewriting a file on ext4 waits for the disk
     * (its replace-by-truncate safeguard), which costs milliseconds per input.
     */
    public static Path scratch(String name) {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "lanes-fuzz-") : Files.createTempDirectory("lanes-fuzz-");
            dir.toFile().deleteOnExit();
            Path f = dir.resolve(name);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code data} to {@code file} (replacing it). */
    public static Path write(Path file, byte[] data) {
        try {
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes allocated by this thread so far (the JVM's per-thread counter). */
    public static long allocated() {
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** A read of an input: returns what it read, or throws the reader's documented exception. */
    @FunctionalInterface
    public interface Read<T> {
        /** Reads. */
        T read() throws IOException;
    }

    /**
     * What a read gave: its value, or the documented exception it threw (never both), and the
     * bytes it allocated.
     */
    public record Outcome<T>(T value, IOException failure, long allocated) {}

    /**
     * Runs {@code read}, catching only {@link IOException} (anything else is a finding), and
     * enforces {@code bound} on what it allocates. The first run of a code path loads and
     * instruments classes on this thread, which the counter sees, so a run over the bound is
     * repeated once and judged by the second measurement.
     */
    public static <T> Outcome<T> bounded(String what, long bound, byte[] input, Read<T> read) {
        Outcome<T> o = measure(read);
        if (o.allocated() > bound) {
            o = measure(read);
            if (o.allocated() > bound) {
                throw new AssertionError(String.format(Locale.ROOT,
                        "%s allocated %,d bytes for an input of %,d bytes; the stated bound is %,d (input %s)", what,
                        o.allocated(), input.length, bound, preview(input)));
            }
        }
        return o;
    }

    private static <T> Outcome<T> measure(Read<T> read) {
        long start = allocated();
        try {
            T v = read.read();
            return new Outcome<>(v, null, allocated() - start);
        } catch (IOException e) {
            return new Outcome<>(null, e, allocated() - start);
        }
    }

    /**
     * Fails unless {@code e}'s message is one line that starts with the file's name and goes on to
     * say what is wrong.
     */
    public static void checkMessage(Path file, Exception e, byte[] input) {
        String m = e.getMessage();
        String prefix = file + ": ";
        if (m == null || !m.startsWith(prefix) || m.length() < prefix.length() + 3 || m.indexOf('\n') >= 0
                || m.indexOf('\r') >= 0) {
            throw new AssertionError("the message of " + e.getClass().getName() + " must be one line starting with '"
                    + prefix + "' and naming the problem, was: " + m + " (input " + preview(input) + ")", e);
        }
    }

    /** The first bytes of an input in hexadecimal, for failure messages. */
    public static String preview(byte[] input) {
        int n = Math.min(input.length, 64);
        return input.length + " bytes: " + HexFormat.of().formatHex(input, 0, n) + (n < input.length ? "..." : "");
    }

    /** Counts executions of one target and reports them. */
    public static final class Counter {
        private final String target;
        private long executions;
        private long accepted;
        private long maxAllocation;

        /** A counter for {@code target}. */
        public Counter(String target) {
            this.target = target;
        }

        /** One input, {@code ok} if the reader accepted it. */
        public void count(boolean ok) {
            executions++;
            if (ok) {
                accepted++;
            }
        }

        /** Notes an allocation per byte of input, to report the largest. */
        public void allocation(long bytes) {
            maxAllocation = Math.max(maxAllocation, bytes);
        }

        /** Prints the counts and writes them to {@code target/fuzz/<target>.txt}. */
        public void report() {
            String line = String.format(Locale.ROOT, "fuzz %s: %,d executions, %,d inputs accepted, "
                    + "largest allocation %,d bytes", target, executions, accepted, maxAllocation);
            System.out.println(line);
            try {
                Path dir = Path.of("target", "fuzz");
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(target + ".txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.out.println("(could not write target/fuzz/" + target + ".txt: " + e.getMessage() + ")");
            }
        }
    }
}
