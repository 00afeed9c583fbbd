package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume anywhere: a checkpoint written by {@code lanes train} on the vector kernels at 256 bits
 * with 2 threads is resumed on the scalar reference, on the vector kernels at 128 bits, and with
 * 1 thread, and every resumed run ends with the final weights' bits ({@code weights sha256}) of
 * the uninterrupted run.
 *
 * <p>The backend and the vector width are chosen once per JVM ({@code lanes.kernels},
 * {@code lanes.vector.bits}), so each run is a child JVM (the cli's main class on this test's
 * class path). The schedule is {@code step} with a decay every epoch, so the resumed runs depend
 * on the optimizer's restored step count as well as on its moments, the weights and the
 * shuffling generator. The data is 256 examples of the embedded Fashion-MNIST subset and the
 * network 784-32-16-10: six child JVMs, about 30 s on two busy cores.
 */
class ResumeAnywhereTest {
    private static final long CHILD_TIMEOUT_S = 120;
    private static final int EPOCHS = 4;
    private static final int FIRST = 2;

    @TempDir
    Path dir;

    /** What a child printed. */
    private record Output(String text) {
        String weights() {
            String[] lines = text.strip().split("\\R");
            String last = lines[lines.length - 1];
            assertTrue(last.matches("weights sha256 [0-9a-f]{64}"), "last line: " + text);
            return last;
        }
    }

    /**
     * Runs {@code lanes train} in a child JVM on {@code backend} ("scalar", or "vector" at
     * {@code bits}) with {@code threads} threads for {@code epochs} epochs, checkpointing into
     * {@code ckpt} (or not, if null), resuming from it if {@code resume}.
     */
    private Output train(String backend, int bits, int threads, int epochs, Path ckpt, boolean resume)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(CrossCheckPlan.CHILD_JVM); // the heap and the vector module, as cross-check's children
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dlanes.kernels=" + backend);
        if (bits > 0) {
            cmd.add("-Dlanes.vector.bits=" + bits);
        }
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.lanes.cli.Main", "train", "--data", "embedded", "--limit", "256", "--test-limit", "64",
                "--layers", "32,16", "--batch-size", "32", "--schedule", "step", "--step-epochs", "1",
                "--gamma", "0.5", "--epochs", Integer.toString(epochs), "--threads", Integer.toString(threads),
                "--seed", "5", "--quiet"));
        String name = backend + "-" + bits + "-" + threads + "-" + epochs + (resume ? "-resumed" : "");
        cmd.addAll(List.of("--log", dir.resolve(name + ".csv").toString()));
        if (ckpt != null) {
            cmd.addAll(List.of("--checkpoint", ckpt.toString()));
        }
        if (resume) {
            cmd.add("--resume");
        }
        Path log = dir.resolve(name + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            throw new AssertionError(name + " did not finish within " + CHILD_TIMEOUT_S + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), name + ":\n" + out);
        // the child ran where it was asked to
        String where = String.format(Locale.ROOT, "backend %s, vector width %d bits, %d threads", backend,
                backend.equals("scalar") ? 32 : bits, threads);
        assertTrue(out.contains(where), name + " did not print '" + where + "':\n" + out);
        if (resume) {
            assertTrue(out.contains("after epoch " + FIRST), name + " did not resume after epoch " + FIRST + ":\n" + out);
        }
        return new Output(out);
    }

    @Test
    void aCheckpointFromVector256With2ThreadsResumesToTheSameBitsOnEveryBackendWidthAndThreadCount() throws Exception {
        String expected = train("vector", 256, 2, EPOCHS, null, false).weights();

        Path written = dir.resolve("written");
        Output first = train("vector", 256, 2, FIRST, written, false);
        assertTrue(!first.weights().equals(expected), "the first part already ended at the final weights");
        Path file = written.resolve("checkpoint.safetensors");

        record Where(String backend, int bits, int threads) {}
        for (Where w : List.of(new Where("scalar", 0, 1), new Where("vector", 128, 1), new Where("vector", 256, 1),
                new Where("vector", 128, 2))) {
            Path ckpt = dir.resolve("resume-" + w.backend() + "-" + w.bits() + "-" + w.threads());
            Files.createDirectories(ckpt);
            Files.copy(file, ckpt.resolve("checkpoint.safetensors"));
            Output resumed = train(w.backend(), w.bits(), w.threads(), EPOCHS, ckpt, true);
            assertEquals(expected, resumed.weights(), "resumed on " + w + ":\n" + resumed.text());
        }
    }
}
