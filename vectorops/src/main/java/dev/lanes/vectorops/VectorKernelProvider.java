package dev.lanes.vectorops;

import dev.lanes.kernel.internal.KernelBackend;
import dev.lanes.kernel.internal.KernelProvider;

/**
 * Supplies {@link VectorKernels} when {@code jdk.incubator.vector} is present. Touches no
 * Vector API class until it has checked that the module is there (like Lucene's provider), so a
 * JVM without {@code --add-modules jdk.incubator.vector} falls back cleanly.
 */
public final class VectorKernelProvider implements KernelProvider {
    /** System property that sets the vector width in bits. */
    static final String BITS_PROPERTY = "lanes.vector.bits";
    private static final String MODULE = "jdk.incubator.vector";

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public VectorKernelProvider() {}

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String unavailableReason() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()
                && (getClass().getModule().getLayer() == null
                    || getClass().getModule().getLayer().findModule(MODULE).isEmpty())) {
            return MODULE + " is not available; start the JVM with --add-modules " + MODULE
                    + " to enable the vector kernels";
        }
        return null;
    }

    @Override
    public KernelBackend backend() {
        requestedBits();
        return VectorKernels.INSTANCE;
    }

    /**
     * The width asked for by {@value #BITS_PROPERTY}, or 0 when unset (the CPU's preferred width).
     *
     * @throws IllegalStateException if the property is not 64, 128, 256 or 512
     */
    static int requestedBits() {
        String bits = System.getProperty(BITS_PROPERTY);
        if (bits == null || bits.isBlank()) {
            return 0;
        }
        return switch (bits.trim()) {
            case "64" -> 64;
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> throw new IllegalStateException("system property " + BITS_PROPERTY
                    + " must be 64, 128, 256 or 512, was '" + bits + "'");
        };
    }
}
