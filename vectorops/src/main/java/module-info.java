/**
 * The Vector API implementation of the Lanes kernels, found by {@link java.util.ServiceLoader}
 * through {@code dev.lanes.kernel.internal.KernelProvider}.
 */
module dev.lanes.vectorops {
    requires dev.lanes.core;
    requires jdk.incubator.vector;

    exports dev.lanes.vectorops.roofline;

    provides dev.lanes.kernel.internal.KernelProvider with dev.lanes.vectorops.VectorKernelProvider;
}
