package dev.lanes.kernel;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Kernels.best() in core alone, where no vector provider is on the class path. */
class KernelSelectionTest {

    @Test
    void withoutTheVectorModuleBestIsTheReference() {
        assertSame(Kernels.scalar(), Kernels.best());
        assertSame(Kernels.best(), Kernels.best());
    }

    @Test
    void aBadKernelsPropertyIsNamedWithItsValue() {
        String old = System.getProperty(KernelSelection.KERNELS_PROPERTY);
        try {
            System.setProperty(KernelSelection.KERNELS_PROPERTY, "gpu");
            var e = assertThrows(IllegalStateException.class, KernelSelectionTest::chooseAfresh);
            assertTrue(e.getMessage().contains("lanes.kernels") && e.getMessage().contains("'gpu'"), e.getMessage());
            System.setProperty(KernelSelection.KERNELS_PROPERTY, "vector");
            var v = assertThrows(IllegalStateException.class, KernelSelectionTest::chooseAfresh);
            assertTrue(v.getMessage().contains("lanes.kernels=vector"), v.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(KernelSelection.KERNELS_PROPERTY);
            } else {
                System.setProperty(KernelSelection.KERNELS_PROPERTY, old);
            }
        }
    }

    private static Kernels chooseAfresh() {
        return KernelSelection.chooseForTest();
    }
}
