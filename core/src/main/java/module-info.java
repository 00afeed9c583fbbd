/**
 * Lanes core: the public API (the {@link dev.lanes.kernel.Kernels} service and its scalar
 * reference implementation) on which every other module builds.
 */
module dev.lanes.core {
    exports dev.lanes.kernel;
    exports dev.lanes.schedule;
    // issue 3, branch optim: the optimizers
    exports dev.lanes.optim;
    exports dev.lanes.kernel.internal to dev.lanes.vectorops, dev.lanes.nn;

    uses dev.lanes.kernel.KernelProvider;

    // Optional: internal.Fma asks HotSpot whether it has FMA; without it Math.fma is used.
    requires static jdk.management;

    // ---- sched branch: textbook test functions, second-order methods
    exports dev.lanes.optim.functions;
    exports dev.lanes.optim.secondorder;
}
