package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code lanes fingerprint}: the digest is the same under the scalar reference, every vector width
 * and several thread counts. The width is a JVM-wide constant, so each configuration runs in a
 * child JVM started like {@code ./lanes} starts the program.
 */
class FingerprintCommandTest {

    @Test
    void digestIsTheSameForEveryBackendWidthAndThreadCount() throws Exception {
        Run here = Run.of("fingerprint", "--threads", "2");
        assertEquals(0, here.status(), here.toString());
        String[] lines = here.out().split("\n");
        assertEquals(2, lines.length, here.toString());
        assertTrue(lines[0].startsWith("backend=") && lines[0].contains(" threads=2 ") && lines[0].contains(" cpu=")
                && lines[0].contains(" jvm="), here.toString());
        assertTrue(lines[1].matches("sha256 [0-9a-f]{64}"), here.toString());
        String expected = lines[1];

        // {system property, threads}: every width once, the scalar reference, thread counts 1 to 3
        String[][] configs = {
            {"-Dlanes.kernels=scalar", "1"}, {"-Dlanes.vector.bits=64", "3"}, {"-Dlanes.vector.bits=128", "1"},
            {"-Dlanes.vector.bits=256", "3"}, {"-Dlanes.vector.bits=512", "2"},
        };
        Map<String, String> digests = new LinkedHashMap<>();
        for (String[] c : configs) {
            String out = child(c[0], c[1]);
            String[] l = out.split("\n");
            assertEquals(2, l.length, c[0] + " printed\n" + out);
            assertTrue(l[0].contains(" threads=" + c[1] + " "), out);
            if (c[0].contains("scalar")) {
                assertTrue(l[0].startsWith("backend=scalar"), out);
            } else {
                assertTrue(l[0].startsWith("backend=vector bits=" + c[0].substring(c[0].indexOf('=') + 1) + " "), out);
            }
            digests.put(c[0] + " --threads " + c[1], l[1]);
        }
        for (var e : digests.entrySet()) {
            assertEquals(expected, e.getValue(), e.getKey() + " differs from this JVM's digest; all: " + digests);
        }
    }

    @Test
    void partsAreListedOnRequest() {
        Run r = Run.of("fingerprint", "--parts");
        assertEquals(0, r.status(), r.toString());
        for (String part : new String[] {"reductions", "elementwise", "transcendental", "mlp-kernels", "optimizers",
            "training"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("  " + part + " [0-9a-f]{64}")), part + "\n" + r);
        }
    }

    /** Runs {@code lanes fingerprint --threads N} in a fresh JVM with one system property; returns stdout. */
    private static String child(String property, String threads) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m",
                "--add-modules", "jdk.incubator.vector", property,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fingerprint", "--threads", threads));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("fingerprint under " + property + " did not finish");
        }
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), property + ": " + stdout + new String(err, StandardCharsets.UTF_8));
        return stdout;
    }
}
