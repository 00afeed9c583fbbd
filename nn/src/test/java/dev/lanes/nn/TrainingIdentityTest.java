package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Sgd;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Training gives the same bits under the scalar reference and under the vector kernels at this
 * JVM's width, with 1, 2 and 3 threads. nn/pom.xml runs this class once per vector width
 * (64, 128, 256, 512 bits), so every width is checked against the reference.
 */
class TrainingIdentityTest {
    /** The vector kernels when the build asked for them (lanes.kernels=vector), else best(). */
    static Kernels vector() {
        Kernels k = Kernels.best();
        if ("vector".equals(System.getProperty("lanes.kernels")) && !k.info().backend().equals("vector")) {
            throw new AssertionError("the vector kernels did not load: " + k.info());
        }
        return k;
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
