package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class MlpTest {

    @Test
    void evaluateCountsCorrectExamplesAndAveragesTheLossOverChunks() {
        try (Mlp mlp = Mlp.builder(4).hidden(6, Activation.TANH).output(3, Loss.SOFTMAX_CROSS_ENTROPY)
                .seed(5).maxBatch(4).build()) {
            Rng r = new Rng(9);
            float[] x = new float[10 * 4];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            int[] labels = new int[10];
            float[] y = new float[10 * 3];
            mlp.predict(x, 0, 10, y, 0);
            int expectedCorrect = 0;
            double expectedLoss = 0;
            for (int e = 0; e < 10; e++) {
                labels[e] = e % 3;
                if (Mlp.argmax(y, e * 3, 3) == labels[e]) {
                    expectedCorrect++;
                }
                expectedLoss -= Math.log(y[e * 3 + labels[e]]);
            }
            Evaluation ev = mlp.evaluate(x, 0, labels, 0, 10);
            assertEquals(10, ev.examples());
            assertEquals(expectedCorrect, ev.correct());
            assertEquals(expectedCorrect / 10.0, ev.accuracy());
            assertEquals(expectedLoss / 10, ev.loss(), 1e-5);
            assertTrue(Double.isNaN(mlp.evaluate(x, 0, labels, 0, 0).accuracy()));
            assertThrows(IllegalArgumentException.class, () -> mlp.evaluate(x, 0, labels, 0, -1));
        }
        try (Mlp reg = Mlp.builder(2).output(1, Loss.MSE).build()) {
            Evaluation ev = reg.evaluate(new float[] {1, 2}, 0, new float[] {0.5f}, 0, 1);
            assertTrue(Double.isNaN(ev.accuracy()));
            assertEquals(0, ev.correct());
        }
    }

    @Test
    void initialisationIsDrawnFromTheSpecifiedGenerator() {
        try (Mlp mlp = Mlp.builder(30).hidden(20, Activation.RELU).output(10, Loss.SOFTMAX_CROSS_ENTROPY)
                .init(Init.XAVIER_UNIFORM).seed(42).build()) {
            Rng r = new Rng(42);
            float[] p = mlp.parameterArray();
            double limit0 = Math.sqrt(6.0 / 50);
            for (int i = 0; i < 600; i++) {
                assertEquals((float) ((2 * r.nextDouble() - 1) * limit0), p[i], "weight " + i);
            }
            for (int j = 0; j < 20; j++) {
                assertEquals(0f, p[mlp.biasOffset(0) + j]);
            }
            double limit1 = Math.sqrt(6.0 / 30);
            assertEquals((float) ((2 * r.nextDouble() - 1) * limit1), p[mlp.weightOffset(1)]);
        }
        for (Init init : Init.values()) {
            try (Mlp mlp = Mlp.builder(400).output(300, Loss.MSE).init(init).seed(1).build()) {
                float[] p = mlp.parameterArray();
                double s = 0;
                double m = 0;
                for (int i = 0; i < 120_000; i++) {
                    s += (double) p[i] * p[i];
                    m = Math.max(m, Math.abs(p[i]));
                }
                double std = Math.sqrt(s / 120_000);
                double expected = switch (init) {
                    case XAVIER_UNIFORM, XAVIER_NORMAL -> Math.sqrt(2.0 / 700);
                    case HE_UNIFORM, HE_NORMAL -> Math.sqrt(2.0 / 400);
                };
                assertEquals(expected, std, expected * 0.01, init.name());
                if (init == Init.XAVIER_UNIFORM || init == Init.HE_UNIFORM) {
                    assertTrue(m <= expected * Math.sqrt(3) + 1e-7, init + " stays within its limit");
                }
            }
        }
    }

    @Test
    void builderAndShapesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder(0));
        assertThrows(IllegalStateException.class, () -> Mlp.builder(3).hidden(4, Activation.RELU).build());
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(-1f));
        try (Mlp mlp = Mlp.builder(3).hidden(4, Activation.RELU).output(2, Loss.SOFTMAX_CROSS_ENTROPY).maxBatch(5).build()) {
            assertEquals("Mlp[3, 4, 2] (relu; SOFTMAX_CROSS_ENTROPY, 26 parameters)", mlp.toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlp.forward(new float[18], 0, 6));
            assertTrue(e.getMessage().contains("maxBatch = 5"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> mlp.forward(new float[8], 0, 3));
            assertThrows(IllegalStateException.class, () -> mlp.lossAndGradient(new float[3], 0, new float[2], 0, 1));
            assertThrows(IllegalArgumentException.class, () -> mlp.lossAndGradient(new float[3], 0, new int[] {2}, 0, 1));
            assertEquals(4, mlp.parameters().size());
            assertEquals("0.weight", mlp.parameters().get(0).name());
            assertEquals("2.bias", mlp.parameters().get(3).name());
        }
    }

    @Test
    void predictAndClassifyAgreeWithForwardInAnyChunking() {
        try (Mlp mlp = Mlp.builder(6).hidden(9, Activation.TANH).output(4, Loss.SOFTMAX_CROSS_ENTROPY)
                .seed(3).maxBatch(4).threads(2).build()) {
            Rng r = new Rng(4);
            float[] x = new float[11 * 6];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            float[] probs = new float[11 * 4];
            mlp.predict(x, 0, 11, probs, 0);
            int[] classes = new int[11];
            mlp.classify(x, 0, 11, classes, 0);
            for (int e = 0; e < 11; e++) {
                float[] out = mlp.forward(x, e * 6, 1);
                float[] soft = new float[4];
                Kernels.scalar().softmaxForward(out, 0, soft, 0, 1, 4);
                double sum = 0;
                for (int j = 0; j < 4; j++) {
                    assertEquals(Float.floatToIntBits(soft[j]), Float.floatToIntBits(probs[e * 4 + j]));
                    sum += soft[j];
                }
                assertEquals(1.0, sum, 1e-5);
                assertEquals(Mlp.argmax(out, 0, 4), classes[e]);
            }
        }
    }

    @Test
    void trainingStepsAllocateNothing() throws ReflectiveOperationException {
        // By reflection: the test sources compile inside module dev.lanes.nn, which does not read jdk.management.
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        try (Mlp mlp = Mlp.builder(20).hidden(32, Activation.RELU).hidden(16, Activation.SIGMOID)
                .output(5, Loss.SOFTMAX_CROSS_ENTROPY).maxBatch(16).build()) {
            Optimizer opt = Adam.builder().params(mlp.parameters()).build();
            float[] x = new float[16 * 20];
            int[] y = new int[16];
            Rng r = new Rng(2);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < 16; i++) {
                y[i] = r.nextInt(5);
            }
            long perStep = steadyStateBytes(bean, allocated, () -> {
                mlp.lossAndGradient(x, 0, y, 0, 16);
                opt.step();
            });
            assertTrue(perStep < 64, "a training step allocates " + perStep + " bytes");
        }
    }
    @Test
    void inferenceAllocatesNothing() throws ReflectiveOperationException {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        for (int threads : new int[] {1, 2}) {
            try (Mlp mlp = Mlp.builder(40).hidden(72, Activation.RELU).hidden(24, Activation.TANH)
                    .output(10, Loss.SOFTMAX_CROSS_ENTROPY).threads(threads).maxBatch(16).build()) {
                float[] x = new float[16 * 40];
                Rng r = new Rng(3);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) r.nextGaussian();
                }
                float[] y = new float[16 * 10];
                int[] i = {0};
                long perCall = steadyStateBytes(bean, allocated, () -> {
                    mlp.predict(x, 0, 16, y, 0);
                    mlp.predict(x, 40 * (i[0]++ & 15), 1, y, 0);
                }) / 2;
                assertTrue(perCall < 64, "predict allocates " + perCall + " bytes on " + threads + " threads");
                Predictor p = mlp.predictor(8);
                long perPrediction = steadyStateBytes(bean, allocated, () -> {
                    p.predict(x, 0, 16, y, 0);
                    p.predict(x, 40 * (i[0]++ & 15), 1, y, 0);
                }) / 2;
                assertTrue(perPrediction < 64, "a predictor allocates " + perPrediction + " bytes");
            }
        }
    }

    /**
     * The bytes {@code call} allocates per run once the JIT has compiled (and scalar-replaced) its hot
     * paths: rounds of 1,000 runs after a 20,000-run warm-up, until a round allocates under 64 bytes
     * per run or 60 s have passed (a loaded machine compiles late; a real allocation never goes away).
     */
    static long steadyStateBytes(Object bean, Method allocated, Runnable call) throws ReflectiveOperationException {
        for (int i = 0; i < 20_000; i++) {
            call.run();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            long before = (Long) allocated.invoke(bean);
            for (int i = 0; i < 1000; i++) {
                call.run();
            }
            long perRun = ((Long) allocated.invoke(bean) - before) / 1000;
            if (perRun < 64 || System.nanoTime() > deadline) {
                return perRun;
            }
        }
    }
}
