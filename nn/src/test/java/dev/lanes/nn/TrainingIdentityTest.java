package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Sgd;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Training gives the same bits under the scalar reference and under the vector kernels at this
 * JVM's width, with 1, 2 and 3 threads (the optimizer steps on the network's team, or on its
 * own). nn/pom.xml runs this class once per vector width (64, 128, 256, 512 bits), so every width
 * is checked against the reference.
 */
class TrainingIdentityTest {
    /** The vector kernels when the build asked for them (lanes.kernels=vector), else best(). */
    static Kernels vector() {
        Kernels k = Kernels.best();
        if ("vector".equals(System.getProperty("lanes.kernels")) && !k.info().backend().equals("vector")) {
            throw new AssertionError("the vector kernels did not load: " + k.info());
        }
        // the width the build asked for must be the one in use, not another the backend fell back to
        Integer requested = Integer.getInteger("lanes.vector.bits");
        if (requested != null && k.info().vectorBits() != requested) {
            throw new AssertionError("lanes.vector.bits=" + requested + " but the kernels run at " + k.info());
        }
        // the per-width runs check C2's intrinsics, not the interpreter's Java form of the Vector API
        if (requested != null && (!"false".equals(vmOption("TieredCompilation"))
                || !"false".equals(vmOption("BackgroundCompilation")))) {
            throw new AssertionError("the per-width identity runs need C2 alone and in the foreground "
                    + "(-XX:-TieredCompilation -Xbatch, nn/pom.xml)");
        }
        return k;
    }

    /** A HotSpot option's value, by reflection (nn's module does not read jdk.management). */
    static String vmOption(String name) {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> type = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Object bean = factory.getMethod("getPlatformMXBean", Class.class).invoke(null, type);
            Object option = type.getMethod("getVMOption", String.class).invoke(bean, name);
            return (String) option.getClass().getMethod("getValue").invoke(option);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the VM option " + name, e);
        }
    }

    static float[] trainClassifier(Kernels k, int threads) throws IOException {
        Dataset data = Blobs.classification(3, 150, 13, 5, 1.5);
        try (Mlp mlp = Mlp.builder(13).hidden(19, Activation.RELU).hidden(11, Activation.TANH)
                .hidden(9, Activation.leakyRelu(0.03f)).hidden(7, Activation.SIGMOID)
                .output(5, Loss.SOFTMAX_CROSS_ENTROPY).init(Init.HE_UNIFORM).seed(11)
                .kernels(k).threads(threads).maxBatch(33).build();
             Optimizer opt = Adam.builder().learningRate(0.01).kernels(k).params(mlp.parameters()).build()) {
            Trainer t = Trainer.builder(mlp, opt).epochs(3).batchSize(33).seed(5).build();
            t.fit(data, data.slice(0, 40));
            return mlp.parameterArray().clone();
        }
    }

    static float[] trainRegression(Kernels k, int threads) throws IOException {
        Dataset data = Blobs.regression(8, 70, 6, 3);
        try (Mlp mlp = Mlp.builder(6).hidden(10, Activation.TANH).hidden(5, Activation.RELU)
                .output(3, Loss.MSE).init(Init.XAVIER_NORMAL).seed(2)
                .kernels(k).threads(threads).maxBatch(16).build();
             Optimizer opt = Sgd.builder().learningRate(0.05).momentum(0.9).kernels(k).params(mlp.parameters()).build()) {
            Trainer t = Trainer.builder(mlp, opt).epochs(4).batchSize(16).seed(9).build();
            t.fit(data, null);
            return mlp.parameterArray().clone();
        }
    }

    /**
     * A layer of 13 · 7600 = 98,800 weights: more than 3 · {@link Optimizer#DEFAULT_GRAIN}, so the
     * optimizer's step is split over 2 or 3 threads; with {@code ownTeam}, the optimizer has its own
     * team of 3 with grain 7 instead, which cuts every parameter at odd places.
     */
    static float[] trainWide(Kernels k, int threads, boolean ownTeam) throws IOException {
        Dataset data = Blobs.classification(4, 150, 13, 4, 1.5);
        try (Parallel own = ownTeam ? new Parallel(3) : null;
             Mlp mlp = Mlp.builder(13).hidden(7600, Activation.RELU).output(4, Loss.SOFTMAX_CROSS_ENTROPY)
                     .init(Init.HE_UNIFORM).seed(3).kernels(k).threads(threads).maxBatch(50).build();
             Optimizer opt = Adam.adamW().learningRate(0.01).kernels(k)
                     .parallel(own, ownTeam ? 7 : Optimizer.DEFAULT_GRAIN).params(mlp.parameters()).build()) {
            assertEquals(threads == 1, mlp.parallel() == null);
            Trainer.builder(mlp, opt).epochs(2).batchSize(50).seed(6).build().fit(data, null);
            return mlp.parameterArray().clone();
        }
    }

    @Test
    void wideLayerStepsOnTheNetworksThreadsBitIdentically() throws IOException {
        float[] reference = trainWide(Kernels.scalar(), 1, false);
        Kernels v = vector();
        for (int threads = 1; threads <= 3; threads++) {
            assertSameBits(reference, trainWide(v, threads, false), v, threads);
        }
        assertSameBits(reference, trainWide(v, 1, true), v, 3);
        assertSameBits(reference, trainWide(Kernels.scalar(), 2, false), Kernels.scalar(), 2);
    }

    @Test
    void classifierWeightsAreBitIdenticalAcrossKernelsAndThreads() throws IOException {
        float[] reference = trainClassifier(Kernels.scalar(), 1);
        Kernels v = vector();
        for (int threads = 1; threads <= 3; threads++) {
            assertSameBits(reference, trainClassifier(v, threads), v, threads);
        }
        assertSameBits(reference, trainClassifier(Kernels.scalar(), 3), Kernels.scalar(), 3);
    }

    @Test
    void regressionWeightsAreBitIdenticalAcrossKernelsAndThreads() throws IOException {
        float[] reference = trainRegression(Kernels.scalar(), 1);
        Kernels v = vector();
        for (int threads = 1; threads <= 3; threads++) {
            assertSameBits(reference, trainRegression(v, threads), v, threads);
        }
    }

    static void assertSameBits(float[] expected, float[] actual, Kernels k, int threads) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(k.info() + ", " + threads + " threads: parameter " + i + " is " + actual[i]
                        + ", the scalar reference gives " + expected[i]);
            }
        }
    }
}
