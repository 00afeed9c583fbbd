package dev.lanes.vectorops;

import dev.lanes.kernel.internal.OptimizerSteps;

/** The vector loops of the optimizer step kernels (see {@link VectorKernels}). */
final class VectorOptimizerSteps {
    private VectorOptimizerSteps() {}

    static void sgd(float[] p, int pOff, float[] g, int gOff, int n, float lr, float weightDecay) {
        OptimizerSteps.sgd(p, pOff, g, gOff, n, lr, weightDecay);
    }

    static void momentum(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n, float lr, float weightDecay, float momentum, float oneMinusDampening, boolean nesterov, boolean first) {
        OptimizerSteps.momentum(p, pOff, g, gOff, b, bOff, n, lr, weightDecay, momentum, oneMinusDampening, nesterov, first);
    }

    static void velocity(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n, float lr, float weightDecay, float alpha) {
        OptimizerSteps.velocity(p, pOff, g, gOff, v, vOff, n, lr, weightDecay, alpha);
    }

    static void adagrad(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n, float lr, float weightDecay, float eps) {
        OptimizerSteps.adagrad(p, pOff, g, gOff, s, sOff, n, lr, weightDecay, eps);
    }

    static void rmsprop(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] a, int aOff, float[] b, int bOff, int n, float lr, float weightDecay, float alpha, float oneMinusAlpha, float eps, float momentum, boolean centered, boolean epsInside) {
        OptimizerSteps.rmsprop(p, pOff, g, gOff, r, rOff, a, aOff, b, bOff, n, lr, weightDecay, alpha, oneMinusAlpha, eps, momentum, centered, epsInside);
    }

    static void adadelta(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff, int n, float lr, float weightDecay, float rho, float oneMinusRho, float eps) {
        OptimizerSteps.adadelta(p, pOff, g, gOff, r, rOff, u, uOff, n, lr, weightDecay, rho, oneMinusRho, eps);
    }

    static void adam(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, float[] vMax, int vMaxOff, int n, float stepSize, float weightDecay, float decay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2, float bc2Sqrt, float eps, boolean amsgrad, boolean epsInside) {
        OptimizerSteps.adam(p, pOff, g, gOff, m, mOff, v, vOff, vMax, vMaxOff, n, stepSize, weightDecay, decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, bc2, bc2Sqrt, eps, amsgrad, epsInside);
    }

    static void adamax(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, int n, float stepSize, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float eps) {
        OptimizerSteps.adamax(p, pOff, g, gOff, m, mOff, u, uOff, n, stepSize, weightDecay, beta1, oneMinusBeta1, beta2, eps);
    }

    static void nadam(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n, float gradStep, float avgStep, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2Sqrt, float eps) {
        OptimizerSteps.nadam(p, pOff, g, gOff, m, mOff, v, vOff, n, gradStep, avgStep, weightDecay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, bc2Sqrt, eps);
    }

    static void radam(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n, float lr, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc1, float bc2Sqrt, float rect, float eps, boolean rectified) {
        OptimizerSteps.radam(p, pOff, g, gOff, m, mOff, v, vOff, n, lr, weightDecay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, bc1, bc2Sqrt, rect, eps, rectified);
    }

    static void rprop(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size, int sizeOff, int n, float etaMinus, float etaPlus, float minStep, float maxStep) {
        OptimizerSteps.rprop(p, pOff, g, gOff, prev, prevOff, size, sizeOff, n, etaMinus, etaPlus, minStep, maxStep);
    }

    static void asgd(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n, float eta, float weightDecay, float decay, float mu) {
        OptimizerSteps.asgd(p, pOff, g, gOff, ax, axOff, n, eta, weightDecay, decay, mu);
    }

    static void quickprop(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff, float[] prevS, int prevSOff, int n, float lr, float weightDecay, float maxGrowth) {
        OptimizerSteps.quickprop(p, pOff, g, gOff, prevG, prevGOff, prevS, prevSOff, n, lr, weightDecay, maxGrowth);
    }

}
