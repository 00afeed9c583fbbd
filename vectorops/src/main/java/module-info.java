/**
 * The Vector API implementation of the Lanes kernels, found by {@link java.util.ServiceLoader}
 * through {@link dev.lanes.kernel.KernelProvider}.
 */
module dev.lanes.vectorops {
    requires dev.lanes.core;
    requires jdk.incubator.vector;

    exports dev.lanes.vectorops.roofline;

    provides dev.lanes.kernel.KernelProvider with dev.lanes.vectorops.VectorKernelProvider;
}
