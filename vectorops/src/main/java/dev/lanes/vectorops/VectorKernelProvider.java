package dev.lanes.vectorops;

import dev.lanes.kernel.KernelProvider;
import dev.lanes.kernel.Kernels;
import java.util.Set;

/**
 * Supplies {@link VectorKernels} when {@code jdk.incubator.vector} is present. Touches no
 * Vector API class until it has checked that the module is there (like Lucene's provider), so a
 * JVM without {@code --add-modules jdk.incubator.vector} falls back cleanly.
 */
public final class VectorKernelProvider implements KernelProvider {
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
    public Kernels kernels() {
        String bits = System.getProperty(Species.BITS_PROPERTY);
        if (bits != null && !bits.isBlank() && !Set.of("64", "128", "256", "512").contains(bits.trim())) {
            throw new IllegalStateException(Species.badBits(bits));
        }
        return VectorKernels.INSTANCE;
    }
}
