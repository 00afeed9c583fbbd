package dev.lanes.kernel;

import dev.lanes.kernel.internal.KernelProvider;
import java.util.ServiceLoader;

/** Chooses the kernels once per JVM, as documented in {@link Kernels#best()}. */
final class KernelSelection {
    static final String KERNELS_PROPERTY = "lanes.kernels";

    private KernelSelection() {}

    private static volatile Kernels best;

    /** The choice, made once; a bad property throws its {@link IllegalStateException} at every call. */
    static Kernels best() {
        Kernels k = best;
        if (k == null) {
            synchronized (KernelSelection.class) {
                k = best;
                if (k == null) {
                    k = choose();
                    best = k;
                }
            }
        }
        return k;
    }

    /** Makes the choice again, ignoring the cached one: for tests of the properties. */
    static Kernels chooseForTest() {
        return choose();
    }

    private static Kernels choose() {
        String wanted = System.getProperty(KERNELS_PROPERTY, "").trim();
        switch (wanted) {
            case "scalar":
                return Kernels.scalar();
            case "", "vector":
                break;
            default:
                throw new IllegalStateException("system property " + KERNELS_PROPERTY
                        + " must be scalar or vector, was '" + wanted + "'");
        }
        String reason = "the vectorops module is not on the class path or module path";
        for (KernelProvider provider : ServiceLoader.load(KernelProvider.class, KernelSelection.class.getClassLoader())) {
            String why = provider.unavailableReason();
            if (why == null) {
                return Kernels.of(provider.backend());
            }
            reason = why;
        }
        if (wanted.equals("vector")) {
            throw new IllegalStateException(KERNELS_PROPERTY + "=vector was asked for, but " + reason);
        }
        System.err.println("Lanes: using the scalar reference kernels: " + reason);
        return Kernels.scalar();
    }
}
