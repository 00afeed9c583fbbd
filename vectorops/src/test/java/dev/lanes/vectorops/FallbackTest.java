package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Runs in a JVM started without {@code --add-modules jdk.incubator.vector} (surefire execution
 * {@code no-incubator}), with the vector module on the class path: {@link Kernels#best()} must
 * fall back to the scalar reference, say why once on standard error, and compute correctly.
 */
class FallbackTest {

    @Test
    void fallsBackToTheReferenceWhenTheIncubatorModuleIsAbsent() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test must run without --add-modules jdk.incubator.vector");
        assertNotNull(new VectorKernelProvider().unavailableReason());

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Kernels best;
        Kernels again;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            best = Kernels.best();
            again = Kernels.best();
        } finally {
            System.setErr(stderr);
        }
        assertSame(Kernels.scalar(), best);
        assertSame(best, again);
        String said = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), "one line on stderr, was: " + said);
        assertTrue(said.contains("--add-modules jdk.incubator.vector"), said);
        assertEquals("scalar", best.info().backend());

        float[] x = new float[200];
        float[] y = new float[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 2;
        }
        assertEquals(2f * (199 * 200 / 2), best.dot(x, 0, y, 0, 200));
        best.axpy(0.5f, y, 0, x, 0, 200);
        assertEquals(200f, x[199]);
    }
}
