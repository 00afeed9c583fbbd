package dev.lanes.kernel.internal;

import dev.lanes.kernel.Kernels;
import java.util.Objects;
import java.util.function.Function;

/**
 * The backend behind a {@link Kernels} facade, for Lanes' own code that calls kernels users do not
 * (the optimizers' {@link StepKernels}). {@code Kernels} installs the accessor when its class is
 * initialised, which happens before any {@code Kernels} object exists.
 */
public final class KernelAccess {
    private static volatile Function<Kernels, KernelBackend> backendOf;

    private KernelAccess() {}

    /** Called once, by {@code Kernels}' static initialiser. */
    public static void install(Function<Kernels, KernelBackend> accessor) {
        synchronized (KernelAccess.class) {
            if (backendOf != null) {
                throw new IllegalStateException("the Kernels accessor is already installed");
            }
            backendOf = Objects.requireNonNull(accessor, "accessor");
        }
    }

    /** The backend of {@code kernels}. */
    public static KernelBackend backend(Kernels kernels) {
        return backendOf.apply(Objects.requireNonNull(kernels, "kernels"));
    }

    /** The optimizers' step kernels of the backend of {@code kernels}. */
    public static StepKernels steps(Kernels kernels) {
        return backend(kernels).steps();
    }
}
