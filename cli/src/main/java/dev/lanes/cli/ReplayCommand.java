package dev.lanes.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.kernel.Kernels;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lanes replay}: replays recorded optimizer trajectories (the golden format: PyTorch class
 * name and keyword arguments, {@code param0}, {@code grads[k]}, {@code trajectory[k].param}) with
 * the Lanes optimizer configured alike, and reports the largest distance in ulps.
 *
 * <p>A recording is JSON as Python's {@code json} module writes it, which includes the non-finite
 * numbers {@code NaN}, {@code Infinity} and {@code -Infinity} (strict JSON has none); the strings
 * {@code "nan"}, {@code "inf"} and {@code "-inf"} are accepted in value arrays too. Duplicate keys
 * are refused. Reading is bounded like the library's readers: Jackson's default limits on nesting
 * (1,000 levels), number length (1,000 digits) and string length hold, and a replay allocates at
 * most 256 bytes per byte of file plus 4 MiB (checked by its fuzz target).
 *
 * <p>Distance of one value: 0 when the bits agree (any NaN equals any NaN); infinite when exactly
 * one is not finite or both are different non-finite values; otherwise
 * {@code |expected − actual| / ulp(max(|old|, |expected|))}, where {@code old} is the parameter
 * before the step: ulps relative to the larger magnitude of the old and new value, as in the
 * golden data's README.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay recorded optimizer trajectories (JSON: PyTorch class name and keyword arguments, "
                + "initial parameter, gradient per step, expected parameter per step) and print, per file, the "
                + "optimizer, the steps and the largest distance in ulps. Exit status 1 if any step exceeds --max-ulps."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "recorded trajectories (.json)")
    List<Path> files;

    @Option(names = "--max-ulps", paramLabel = "X", defaultValue = "4",
            description = "largest distance allowed (default: ${DEFAULT-VALUE})")
    double maxUlps;

    @Option(names = "--scalar", description = "use the scalar reference kernels instead of Kernels.best()")
    boolean scalar;

    /** What one file gave. */
    record Outcome(String optimizer, int steps, int n, double maxUlps, int worstStep, int worstIndex, long differing) {}

    @Override
    public Integer call() {
        if (!(maxUlps >= 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--max-ulps': '" + maxUlps + "' must be >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Kernels k = scalar ? Kernels.scalar() : Kernels.best();
        int status = 0;
        for (Path f : files) {
            try {
                Outcome o = replay(f, k);
                boolean ok = o.maxUlps() <= maxUlps;
                out.printf(Locale.ROOT, "%s: %s, %d steps x %d values, max %s ulps, %d differing%s %s%n", f,
                        o.optimizer(), o.steps(), o.n(), ulpText(o.maxUlps()), o.differing(),
                        o.maxUlps() > 0 ? " (worst at step " + o.worstStep() + ", param[" + o.worstIndex() + "])" : "",
                        ok ? "ok" : "FAIL (> " + ulpText(maxUlps) + ")");
                if (!ok) {
                    status = 1;
                }
            } catch (IOException e) {
                err.println("lanes replay: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    private static String ulpText(double u) {
        return Double.isInfinite(u) ? "inf" : u == Math.rint(u) ? String.valueOf((long) u) : String.format(Locale.ROOT, "%.2f", u);
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reads and replays the recording in {@code file}.
     *
     * @throws IOException naming the file and the problem, on one line, if it cannot be read, is
     *                     not JSON, or does not describe a replayable recording
     */
    static Outcome replay(Path file, Kernels k) throws IOException {
        JsonNode rec;
        try {
            rec = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IOException(file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new IOException(file + ": " + oneLine(String.valueOf(e.getMessage())), e);
        }
        if (rec == null || !rec.isObject()) {
            throw new IOException(file + ": a recording is a JSON object, this file holds "
                    + (rec == null || rec.isMissingNode() ? "nothing" : "a " + rec.getNodeType()));
        }
        try {
            return replay(rec, k);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(file + ": " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * {@code s} on one line, control characters escaped, at most 300 characters: for messages that
     * quote a file's content.
     */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(s.length(), 300);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return n < s.length() ? b.append("...").toString() : b.toString();
    }

    /** Replays one recording. */
    static Outcome replay(JsonNode rec, Kernels k) {
        String optimizer = text(rec, "optimizer");
        float[] values = floats(field(rec, "param0"), "param0");
        JsonNode grads = field(rec, "grads");
        JsonNode trajectory = field(rec, "trajectory");
        if (!grads.isArray() || !trajectory.isArray() || grads.size() != trajectory.size()) {
            throw new IllegalArgumentException("'grads' and 'trajectory' must be arrays of the same length");
        }
        float[] grad = new float[values.length];
        Optimizer opt = PyTorchOptimizers.build(optimizer, rec.get("hyperparams"), k, Parameter.of("p", values, grad));
        double worst = 0;
        int worstStep = 0;
        int worstIndex = 0;
        long differing = 0;
        float[] before = new float[values.length];
        for (int s = 0; s < grads.size(); s++) {
            float[] g = floats(grads.get(s), "grads[" + s + "]");
            checkLength(g, values.length, "grads[" + s + "]");
            System.arraycopy(g, 0, grad, 0, grad.length);
            System.arraycopy(values, 0, before, 0, values.length);
            opt.step();
            float[] expected = floats(field(trajectory.get(s), "param"), "trajectory[" + s + "].param");
            checkLength(expected, values.length, "trajectory[" + s + "].param");
            for (int i = 0; i < expected.length; i++) {
                double u = ulps(before[i], expected[i], values[i]);
                if (u != 0) {
                    differing++;
                }
                if (u > worst) {
                    worst = u;
                    worstStep = s + 1;
                    worstIndex = i;
                }
            }
        }
        return new Outcome(optimizer, grads.size(), values.length, worst, worstStep, worstIndex, differing);
    }

    /** The distance of the class comment. */
    static double ulps(float old, float expected, float actual) {
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual)) {
            return 0;
        }
        if (!Float.isFinite(expected) || !Float.isFinite(actual)) {
            return Double.POSITIVE_INFINITY;
        }
        float ref = Math.max(Math.abs(Float.isFinite(old) ? old : 0f), Math.abs(expected));
        return Math.abs((double) expected - actual) / Math.ulp(ref);
    }

    private static void checkLength(float[] a, int n, String what) {
        if (a.length != n) {
            throw new IllegalArgumentException(what + " has " + a.length + " values, param0 " + n);
        }
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = field(node, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a string, was a " + v.getNodeType());
        }
        return v.asText();
    }

    /**
     * A JSON array of numbers (including {@code NaN}, {@code Infinity}, {@code -Infinity}) or the
     * strings "nan", "inf", "-inf" as floats (each number rounded once).
     */
    static float[] floats(JsonNode a, String what) {
        if (!a.isArray()) {
            throw new IllegalArgumentException("'" + what + "' must be an array, was " + a.getNodeType());
        }
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            JsonNode v = a.get(i);
            if (v.isNumber()) {
                f[i] = (float) v.doubleValue();
            } else if (v.isTextual()) {
                f[i] = switch (v.asText()) {
                    case "nan" -> Float.NaN;
                    case "inf" -> Float.POSITIVE_INFINITY;
                    case "-inf" -> Float.NEGATIVE_INFINITY;
                    default -> throw new IllegalArgumentException(what + "[" + i + "]: not a number: \""
                            + oneLine(v.asText()) + "\"");
                };
            } else {
                throw new IllegalArgumentException(what + "[" + i + "]: not a number but a " + v.getNodeType());
            }
        }
        return f;
    }
}
