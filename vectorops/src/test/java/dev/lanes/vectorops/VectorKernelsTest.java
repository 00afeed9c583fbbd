package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.KernelInfo;
import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.internal.KernelAccess;
import org.junit.jupiter.api.Test;

/** The vector backend's selection, its self-description and its argument checks. */
class VectorKernelsTest {

    @Test
    void bestIsTheVectorBackendAtTheRequestedWidth() {
        Kernels k = Kernels.best();
        assertSame(VectorKernels.INSTANCE, KernelAccess.backend(k));
        KernelInfo info = k.info();
        assertEquals("vector", info.backend());
        assertEquals(Integer.getInteger("lanes.vector.bits", Species.preferredBits()), info.vectorBits());
        assertEquals(Species.preferredBits(), info.preferredBits());
        assertTrue(info.toString().contains("bits=" + info.vectorBits()), info.toString());
    }

    @Test
    void badWidthIsRefusedWithTheValue() {
        String old = System.getProperty(VectorKernelProvider.BITS_PROPERTY);
        try {
            System.setProperty(VectorKernelProvider.BITS_PROPERTY, "100");
            var e = assertThrows(IllegalStateException.class, () -> new VectorKernelProvider().backend());
            assertTrue(e.getMessage().contains("'100'"), e.getMessage());
        } finally {
            System.setProperty(VectorKernelProvider.BITS_PROPERTY, old);
        }
    }

    @Test
    void badArgumentsLeaveOutputsUntouched() {
        Kernels k = Kernels.best();
        float[] x = new float[100];
        float[] y = new float[100];
        java.util.Arrays.fill(y, 7);
        float[] before = y.clone();
        assertThrows(IndexOutOfBoundsException.class, () -> k.axpy(1, x, 0, y, 1, 100));
        assertThrows(IndexOutOfBoundsException.class, () -> k.multiplyAdd(x, 0, x, 0, y, 50, 60));
        assertThrows(IllegalArgumentException.class, () -> k.add(x, 0, y, 0, y, 3, 90));
        assertArrayEquals(before, y);
    }
}
