package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs in every width's JVM (vectorops/pom.xml): the width the build asked for is the one the
 * kernels use, and the JVM compiles with C2 alone, early and in the foreground, so that the
 * properties check the compiled intrinsics rather than the interpreter's plain-Java form of the
 * Vector API (which gives the right bits by another road).
 */
class CompiledWidthTest {

    @Test
    void theRequestedWidthIsTheOneInUse() {
        Integer requested = Integer.getInteger("lanes.vector.bits");
        assertTrue(requested != null, "the build sets lanes.vector.bits for every test run");
        Bits.assertRequestedWidth(Bits.VECTOR);
        assertEquals((int) requested, Bits.VECTOR.info().vectorBits());
        assertEquals((int) requested, Species.F.vectorBitSize());
    }

    @Test
    void theKernelsAreCompiledByC2AloneAndEarly() {
        assertEquals("false", vmOption("TieredCompilation"), "C2 alone: -XX:-TieredCompilation");
        assertEquals("false", vmOption("BackgroundCompilation"), "compiled in the foreground: -Xbatch");
        assertTrue(Long.parseLong(vmOption("CompileThreshold")) <= 1000,
                "compiled early: -XX:CompileThreshold=" + vmOption("CompileThreshold"));
    }

    /**
     * A HotSpot option's value, by reflection: the module under test does not read
     * jdk.management (the tests run on the class path).
     */
    static String vmOption(String name) {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> type = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Object bean = factory.getMethod("getPlatformMXBean", Class.class).invoke(null, type);
            Object option = type.getMethod("getVMOption", String.class).invoke(bean, name);
            return (String) option.getClass().getMethod("getValue").invoke(option);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the VM option " + name, e);
        }
    }
}
