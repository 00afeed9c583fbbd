package dev.lanes.cli;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.KernelInfo;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.EpochMetrics;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import dev.lanes.nn.Rng;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import dev.lanes.schedule.Schedules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes fingerprint}: a fixed battery of computations whose result bits are hashed into one
 * SHA-256 digest. The numeric contract makes the digest independent of backend, vector width and
 * thread count; two machines that print the same digest computed the same bits.
 *
 * <p>Every result is fed to the digest as the little-endian bytes of
 * {@link Float#floatToIntBits} (so every NaN counts as the one canonical NaN), in a fixed order:
 * reductions, element-wise kernels, transcendental functions, MLP kernels, each optimizer for
 * {@value #STEPS} steps, then a short training of a small MLP on the embedded data. The short
 * battery ({@code --short}) runs the same parts on fewer and shorter arrays, for JVMs too slow for
 * the full one (the interpreter); its digest is a different number, compared only with itself.
 */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Run a fixed battery (every kernel, every optimizer for a few steps, a short training) and "
                + "print the backend, vector width, threads, instruction set, CPU and JVM on one line and one SHA-256 "
                + "digest of all result bits on the next. The digest is the same for every backend, width, thread "
                + "count and CPU."})
final class FingerprintCommand implements Callable<Integer> {
    static final int STEPS = 5;
    private static final long SEED = 20_261_122L;

    /**
     * The sizes of a battery: the lengths the reductions and element-wise kernels run at, the
     * arrays' length, the transcendental functions' lengths, the optimizer steps and the training's
     * images and epochs.
     */
    record Battery(String name, int[] lengths, int length, int[] transcendentalLengths, int steps,
            int trainImages, int testImages, int epochs) {
        /** The battery {@code lanes fingerprint} runs. */
        static final Battery FULL = new Battery("full", new int[] {0, 1, 3, 7, 8, 15, 16, 17, 63, 64, 65, 127, 129,
            1037}, 1037, new int[] {1, 7, 64, 65, 1037}, STEPS, 384, 128, 2);
        /** Every part on short arrays, one epoch on 64 images: for the interpreter (a few seconds there). */
        static final Battery SHORT = new Battery("short", new int[] {0, 1, 7, 16, 17, 63, 64, 65, 129}, 129,
                new int[] {1, 7, 65, 129}, 2, 64, 64, 1);
    }

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "threads for the training part (default: ${DEFAULT-VALUE}); the digest does not depend on it")
    int threads;

    @Option(names = "--parts", description = "also print a digest per part of the battery, to find where two "
            + "machines differ")
    boolean parts;

    @Option(names = "--short", description = "run the short battery (the same parts on short arrays, for slow JVMs "
            + "such as -Xint); its digest differs from the full battery's")
    boolean shortBattery;

    @Option(names = "--expect", paramLabel = "FILE", description = "compare the digest with the one FILE records "
            + "for this battery (as --write writes it, e.g. fingerprint.sha256 in the repository); exit 1 on a "
            + "difference, naming the parts that differ")
    Path expect;

    @Option(names = "--write", paramLabel = "FILE", description = "write the digests of both batteries and of "
            + "their parts to FILE, the file --expect reads")
    Path write;

    @Override
    public Integer call() throws IOException {
        if (threads < 1 || threads > 1024) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--threads': '" + threads + "' must be in [1, 1024]");
        }
        if (expect != null && write != null) {
            throw new Main.UsageException("--expect and --write exclude each other: compare with a file or write it");
        }
        // read the expected digests first: a missing or malformed file fails before the battery runs
        ExpectedDigests expected = expect != null ? ExpectedDigests.read(expect) : null;
        Battery battery = shortBattery ? Battery.SHORT : Battery.FULL;
        Kernels k = Kernels.best();
        Map<String, String> partDigests = new LinkedHashMap<>();
        String digest = compute(k, battery, threads, partDigests);
        PrintWriter out = spec.commandLine().getOut();
        KernelInfo info = k.info();
        out.println("backend=" + info.backend() + " bits=" + info.vectorBits()
                + (info.preferredBits() > 0 ? " (native " + info.preferredBits() + ")" : "")
                + " threads=" + threads + (shortBattery ? " battery=short" : "") + " isa=" + VmFeatures.isa()
                + " jit=" + VmFeatures.jit() + " cpu=" + info.cpu() + " jvm=" + info.jvm());
        out.println("sha256 " + digest);
        if (parts) {
            partDigests.forEach((name, d) -> out.println("  " + name + " " + d));
        }
        if (write != null) {
            Map<String, String> full = battery == Battery.FULL ? partDigests : new LinkedHashMap<>();
            Map<String, String> shortParts = battery == Battery.SHORT ? partDigests : new LinkedHashMap<>();
            String fullDigest = battery == Battery.FULL ? digest : compute(k, Battery.FULL, threads, full);
            String shortDigest = battery == Battery.SHORT ? digest : compute(k, Battery.SHORT, threads, shortParts);
            ExpectedDigests.write(write, fullDigest, full, shortDigest, shortParts);
            out.println("wrote " + write + " (full " + fullDigest + ", short " + shortDigest + ")");
        }
        if (expected != null) {
            List<String> problems = expected.compare(battery.name(), digest, partDigests);
            if (!problems.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("lanes fingerprint: the " + battery.name() + " battery's digest differs from " + expect);
                problems.forEach(p -> err.println("  " + p));
                return 1;
            }
            out.println("matches " + expect);
        }
        return 0;
    }

    /** The battery's digest with kernels {@code k}; {@code parts} receives each part's own digest. */
    static String compute(Kernels k, Battery b, int threads, Map<String, String> parts) throws IOException {
        MessageDigest all = sha256();
        Hasher h = new Hasher(all);
        part("reductions", h, parts, () -> reductions(k, b, h));
        part("elementwise", h, parts, () -> elementwise(k, b, h));
        part("transcendental", h, parts, () -> transcendental(k, b, h));
        part("mlp-kernels", h, parts, () -> mlpKernels(k, h));
        part("optimizers", h, parts, () -> optimizers(k, b, h));
        part("training", h, parts, () -> training(k, b, threads, h));
        return HexFormat.of().formatHex(all.digest());
    }

    private interface Part {
        void run() throws IOException;
    }

    private static void part(String name, Hasher h, Map<String, String> parts, Part p) throws IOException {
        h.part = sha256();
        p.run();
        parts.put(name, HexFormat.of().formatHex(h.part.digest()));
    }

    /** Feeds float bits to the overall digest and the current part's. */
    private static final class Hasher {
        final MessageDigest all;
        MessageDigest part;
        private final byte[] buf = new byte[4];

        Hasher(MessageDigest all) {
            this.all = all;
        }

        void add(float v) {
            int b = Float.floatToIntBits(v);
            buf[0] = (byte) b;
            buf[1] = (byte) (b >> 8);
            buf[2] = (byte) (b >> 16);
            buf[3] = (byte) (b >> 24);
            all.update(buf);
            part.update(buf);
        }

        void add(float[] a, int off, int n) {
            for (int i = 0; i < n; i++) {
                add(a[off + i]);
            }
        }

        void add(float[] a) {
            add(a, 0, a.length);
        }
    }

    /** {@code n} values, normal with standard deviation {@code scale}. */
    static float[] gaussian(Rng r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    /** Gaussian values with special ones mixed in: ±0, subnormals, ±∞, NaN, huge and tiny. */
    static float[] withSpecials(Rng r, int n, double scale) {
        float[] a = gaussian(r, n, scale);
        float[] special = {0f, -0f, Float.MIN_VALUE, -1e-40f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.NaN, 1e30f, -1e30f, 1e-30f, 88.7f, -104f, 1f, -1f};
        for (int i = 0; i < n; i += 13) {
            a[i] = special[(i / 13) % special.length];
        }
        return a;
    }

    private static void reductions(Kernels k, Battery b, Hasher h) {
        Rng r = new Rng(SEED);
        int len = b.length();
        float[] x = gaussian(r, len + 3, 3);
        float[] y = gaussian(r, len + 3, 0.5);
        for (int n : b.lengths()) {
            for (int off : new int[] {0, 3}) {
                h.add(k.sum(x, off, n));
                h.add(k.dot(x, off, y, 3 - off, n));
                h.add(k.sumSquares(x, off, n));
                h.add(k.maxAbs(x, off, n));
            }
        }
        float[] s = withSpecials(r, len, 2);
        h.add(k.sum(s, 0, len));
        h.add(k.sumSquares(s, 1, len - 1));
    }

    private static void elementwise(Kernels k, Battery b, Hasher h) {
        Rng r = new Rng(SEED + 1);
        int len = b.length();
        float[] x = withSpecials(r, len, 4);
        float[] y = gaussian(r, len, 1);
        float[] z = gaussian(r, len, 1);
        float[] o = new float[len];
        for (int n : b.lengths()) {
            k.scale(0.37f, x, 0, o, 0, n);
            h.add(o, 0, n);
            k.add(x, 0, y, 0, o, 0, n);
            h.add(o, 0, n);
            k.multiply(x, 0, y, 0, o, 0, n);
            h.add(o, 0, n);
            System.arraycopy(z, 0, o, 0, n);
            k.axpy(-0.3f, x, 0, o, 0, n);
            h.add(o, 0, n);
            k.multiplyAdd(x, 0, y, 0, o, 0, n);
            h.add(o, 0, n);
            k.clamp(-1.5f, 2f, x, 0, o, 0, n);
            h.add(o, 0, n);
        }
    }

    private static void transcendental(Kernels k, Battery b, Hasher h) {
        Rng r = new Rng(SEED + 2);
        int len = b.length();
        float[] x = withSpecials(r, len, 6);
        float[] pos = new float[len];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = (float) Math.exp(r.nextGaussian() * 8);
        }
        pos[5] = 0f;
        pos[6] = Float.MIN_VALUE;
        pos[7] = Float.POSITIVE_INFINITY;
        pos[8] = -1f;
        float[] o = new float[len];
        for (int n : b.transcendentalLengths()) {
            k.exp(x, 0, o, 0, n);
            h.add(o, 0, n);
            k.log(pos, 0, o, 0, n);
            h.add(o, 0, n);
            k.tanh(x, 0, o, 0, n);
            h.add(o, 0, n);
            k.sigmoid(x, 0, o, 0, n);
            h.add(o, 0, n);
        }
    }

    private static void mlpKernels(Kernels k, Hasher h) {
        Rng r = new Rng(SEED + 3);
        int rows = 13;
        int in = 37;
        int out = 19;
        float[] x = gaussian(r, rows * in, 1);
        float[] w = gaussian(r, in * out, 0.3);
        float[] b = gaussian(r, out, 0.1);
        float[] y = new float[rows * out];
        k.gemmForward(x, 0, in, w, 0, out, b, 0, y, 0, out, rows, in, out);
        h.add(y);
        float[] dy = gaussian(r, rows * out, 0.2);
        float[] dw = new float[in * out];
        k.gemmBackwardWeights(x, 0, in, dy, 0, out, dw, 0, out, rows, in, out);
        h.add(dw);
        float[] db = new float[out];
        k.biasBackward(dy, 0, out, db, 0, rows, out);
        h.add(db);
        float[] wt = new float[out * in];
        k.transpose(w, 0, out, wt, 0, in, in, out);
        h.add(wt);
        float[] dx = new float[rows * in];
        k.gemmBackwardInput(dy, 0, out, wt, 0, in, dx, 0, in, rows, out, in);
        h.add(dx);
        int n = rows * out;
        float[] a = new float[n];
        float[] d = new float[n];
        k.reluForward(y, 0, a, 0, n);
        h.add(a);
        k.reluBackward(a, 0, dy, 0, d, 0, n);
        h.add(d);
        k.leakyReluForward(0.01f, y, 0, a, 0, n);
        h.add(a);
        k.leakyReluBackward(0.01f, a, 0, dy, 0, d, 0, n);
        h.add(d);
        k.sigmoid(y, 0, a, 0, n);
        k.sigmoidBackward(a, 0, dy, 0, d, 0, n);
        h.add(d);
        k.tanh(y, 0, a, 0, n);
        k.tanhBackward(a, 0, dy, 0, d, 0, n);
        h.add(d);
        k.softmaxForward(y, 0, a, 0, rows, out);
        h.add(a);
        k.softmaxBackward(a, 0, dy, 0, d, 0, rows, out);
        h.add(d);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(out);
        }
        float[] rowLoss = new float[rows];
        h.add(k.softmaxCrossEntropy(y, 0, labels, 0, d, 0, rowLoss, 0, rows, out, rows));
        h.add(d);
        h.add(rowLoss);
        float[] t = gaussian(r, n, 1);
        h.add(k.mseLoss(y, 0, t, 0, d, 0, rowLoss, 0, rows, out, rows));
        h.add(d);
        h.add(rowLoss);
    }

    private static void optimizers(Kernels k, Battery b, Hasher h) {
        int n = b.length();
        for (String name : Optimizers.NAMES) {
            Rng r = new Rng(SEED + 4);
            float[] p = gaussian(r, n, 1);
            float[] g = new float[n];
            Optimizer opt = Optimizers.byName(name, Schedules.constant(OptimizerDefaults.defaultLearningRate(name)),
                    new Optimizers.Settings(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            name.equals("rprop") ? 0 : 1e-3), k, List.of(Parameter.of("p", p, g)));
            for (int s = 0; s < b.steps(); s++) {
                float[] grad = gaussian(r, n, 0.5);
                System.arraycopy(grad, 0, g, 0, n);
                g[0] = 0f;
                g[1] = s % 2 == 0 ? 1e-30f : -1e-30f;
                g[2] = 1e3f;
                opt.step();
                h.add(p);
            }
            for (float[] state : opt.exportState().parameters().get("p").values()) {
                h.add(state);
            }
        }
    }

    private static void training(Kernels k, Battery b, int threads, Hasher h) throws IOException {
        Data.Sets sets = Data.load(null, null, 10, 1);
        Dataset train = sets.train().slice(0, b.trainImages());
        Dataset test = sets.test().slice(0, b.testImages());
        try (Mlp mlp = Mlp.builder(train.inputs()).hidden(new int[] {48, 24}, Activation.RELU)
                .output(10, Loss.SOFTMAX_CROSS_ENTROPY).seed(SEED).kernels(k).threads(threads).maxBatch(64).build()) {
            Optimizer opt = Optimizers.byName("adam", Schedules.constant(2e-3), Optimizers.Settings.DEFAULTS, k,
                    mlp.parameters());
            for (EpochMetrics m : Trainer.builder(mlp, opt).epochs(b.epochs()).batchSize(64).seed(SEED).build()
                    .fit(train, test).history()) {
                h.add((float) m.trainLoss());
                h.add((float) m.validationLoss());
                h.add((float) m.validationAccuracy());
            }
            h.add(mlp.parameterArray());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
