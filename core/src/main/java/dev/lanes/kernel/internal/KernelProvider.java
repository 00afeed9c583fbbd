package dev.lanes.kernel.internal;

/**
 * A service that supplies a {@link KernelBackend}, found by {@link java.util.ServiceLoader}: the
 * {@code vectorops} module provides one. A provider must not touch {@code jdk.incubator.vector}
 * before {@link #unavailableReason()} has said it may.
 */
public interface KernelProvider {

    /** A short name of the backend, such as {@code "vector"}. */
    String name();

    /**
     * Why this provider cannot run in this JVM (for example, the incubator module was not added),
     * phrased as advice to the user, or {@code null} if it can.
     */
    String unavailableReason();

    /**
     * The backend, configured from the system properties documented in
     * {@code dev.lanes.kernel.Kernels#best()}.
     *
     * @throws IllegalStateException if a property has a value the provider cannot honour
     */
    KernelBackend backend();
}
