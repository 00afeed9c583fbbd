package dev.lanes.cli;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanes.kernel.Kernels;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the replay format ({@link ReplayCommand#replay(Path, Kernels)}: Jackson's parser, then
 * the recording's structure, the PyTorch configuration and the replay itself): any file replays
 * or fails with an {@link IOException} whose message is one line starting with the file's name;
 * never another exception; and the replay allocates at most {@link #BYTES_PER_BYTE} bytes per
 * byte of file plus {@link #FIXED_ALLOCATION}. The same harness as nn's fuzz targets
 * ({@code dev.lanes.nn.FuzzSupport}, which says why Jazzer), in short.
 */
class ReplayFuzzTest {
    /** What a replay may allocate per byte of recording: the text, Jackson's tree, the arrays. */
    static final long BYTES_PER_BYTE = 256;
    /** What a replay may allocate besides: the optimizer, exceptions, Jackson's buffers. */
    static final long FIXED_ALLOCATION = 4 << 20;
    private static final MethodHandle ALLOCATED = allocatedBytes();
    private static final Path FILE = scratch();
    private static long executions;
    private static long accepted;
    private static long largest;

    @DictionaryEntries({"\"optimizer\"", "\"hyperparams\"", "\"param0\"", "\"grads\"", "\"trajectory\"",
        "\"param\"", "\"SGD\"", "\"Adam\"", "\"AdamW\"", "\"Adagrad\"", "\"RMSprop\"", "\"Adadelta\"",
        "\"Adamax\"", "\"NAdam\"", "\"RAdam\"", "\"Rprop\"", "\"ASGD\"", "\"lr\"", "\"betas\"",
        "\"momentum\"", "\"nesterov\"", "\"weight_decay\"", "\"maximize\"", "\"foreach\"", "\"etas\"",
        "\"step_sizes\"", "NaN", "Infinity", "-Infinity", "\"nan\"", "\"-inf\"", "true", "null", "1e400",
        "[[[[[[[["})
    @FuzzTest
    void replay(byte[] input) throws IOException {
        Files.write(FILE, input);
        long bound = BYTES_PER_BYTE * input.length + FIXED_ALLOCATION;
        long used = attempt(input);
        if (used > bound) {
            // the first run of a code path loads and instruments classes on this thread
            used = attempt(input);
            if (used > bound) {
                throw new AssertionError(String.format(Locale.ROOT, "replay allocated %,d bytes for %,d; bound %,d (%s)",
                        used, input.length, bound, preview(input)));
            }
        }
        largest = Math.max(largest, used);
        executions++;
    }

    /** One replay; returns the bytes it allocated. */
    private static long attempt(byte[] input) {
        long start = allocated();
        try {
            ReplayCommand.replay(FILE, Kernels.scalar());
            accepted++;
        } catch (IOException e) {
            String m = e.getMessage();
            if (m == null || !m.startsWith(FILE + ": ") || m.length() < FILE.toString().length() + 5
                    || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("the message must be one line naming the file and the problem, was: " + m
                        + " (" + preview(input) + ")", e);
            }
        }
        return allocated() - start;
    }

    private static String preview(byte[] input) {
        int n = Math.min(input.length, 64);
        return input.length + " bytes: " + HexFormat.of().formatHex(input, 0, n) + (n < input.length ? "..." : "");
    }

    private static Path scratch() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "lanes-fuzz-") : Files.createTempDirectory("lanes-fuzz-");
            dir.toFile().deleteOnExit();
            Path f = dir.resolve("recording.json");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static MethodHandle allocatedBytes() {
        try {
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            return MethodHandles.publicLookup().findVirtual(type, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(ManagementFactory.getThreadMXBean());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static long allocated() {
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void report() throws IOException {
        String line = String.format(Locale.ROOT, "fuzz replay: %,d executions, %,d inputs accepted, "
                + "largest allocation %,d bytes", executions, accepted, largest);
        System.out.println(line);
        Files.createDirectories(Path.of("target", "fuzz"));
        Files.writeString(Path.of("target", "fuzz", "replay.txt"), line + System.lineSeparator());
    }
}
