/**
 * Lanes core: the public API (the {@link dev.lanes.kernel.Kernels} facade, the optimizers and
 * schedules) and the scalar reference of every kernel, on which every other module builds.
 * {@code dev.lanes.kernel.internal} holds the backends behind the facade and the optimizers'
 * step kernels: it is exported only to the modules that implement, use or benchmark them.
 */
module dev.lanes.core {
    exports dev.lanes.kernel;
    exports dev.lanes.optim;
    exports dev.lanes.optim.functions;
    exports dev.lanes.optim.secondorder;
    exports dev.lanes.schedule;
    exports dev.lanes.kernel.internal to dev.lanes.vectorops;

    uses dev.lanes.kernel.internal.KernelProvider;
}
