package dev.lanes.cli;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.Kernels;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.functions.TestFunction;
import dev.lanes.optim.functions.TestFunctions;
import dev.lanes.schedule.Schedules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes paths}: optimizer trajectories on the textbook's test functions, drawn over contour
 * plots (one colour per optimizer), and the quartic of one variable where plain gradient descent
 * stops in the local minimum and momentum reaches the global one.
 */
@Command(name = "paths", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw optimizer trajectories over contour plots of Beale's function, Rosenbrock's, the "
                + "saddle x^2 - y^2 and an ill-conditioned rotated quadratic, and on the quartic "
                + "0.3x^4 - 0.1x^3 - 2x^2 - 0.8x from x0 = -2.8 (lr 0.05: plain descent stops in the local minimum, "
                + "momentum 0.9 reaches the global one). Writes paths-NAME.svg and .png and paths.csv."})
final class PathsCommand implements Callable<Integer> {
    static final List<String> FUNCTIONS = List.of("beale", "rosenbrock", "saddle", "quadratic", "quartic");

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lanes-paths",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--functions", paramLabel = "NAME,NAME...", split = ",",
            defaultValue = "beale,rosenbrock,saddle,quadratic,quartic", description = "which (default: ${DEFAULT-VALUE})")
    List<String> functions;

    @Option(names = "--optimizers", paramLabel = "NAME,NAME...", split = ",",
            defaultValue = "sgd,momentum,nesterov,adagrad,rmsprop,adadelta,adam",
            description = "optimizers for the two-variable functions (default: ${DEFAULT-VALUE})")
    List<String> optimizers;

    @Option(names = "--steps", paramLabel = "N", description = "steps per trajectory (default: per function, "
            + "150 to 600)")
    Integer steps;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "120", description = "contour grid points per axis "
            + "(default: ${DEFAULT-VALUE})")
    int grid;

    @Option(names = "--no-png", description = "write SVG only")
    boolean noPng;

    /** How one function is run: its optimizer learning rates and step count. */
    private record Setup(TestFunction f, double gradientLr, double adaptiveLr, int steps) {}

    @Override
    public Integer call() throws IOException {
        for (String f : functions) {
            if (!FUNCTIONS.contains(f)) {
                throw bad("--functions", f, "is not one of " + String.join(", ", FUNCTIONS));
            }
        }
        for (String o : optimizers) {
            if (!Optimizers.NAMES.contains(o)) {
                throw bad("--optimizers", o, "is not one of " + String.join(", ", Optimizers.NAMES));
            }
        }
        if (steps != null && steps < 1) {
            throw bad("--steps", steps.toString(), "must be >= 1");
        }
        if (grid < 8 || grid > 1000) {
            throw bad("--grid", String.valueOf(grid), "must be in [8, 1000]");
        }
        PrintWriter pw = spec.commandLine().getOut();
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("function,optimizer,step,x,y,f\n");
        for (String name : functions) {
            if (name.equals("quartic")) {
                quartic(pw, csv);
                continue;
            }
            Setup s = switch (name) {
                case "beale" -> new Setup(TestFunctions.beale(), 0.01, 0.05, 400);
                case "rosenbrock" -> new Setup(TestFunctions.rosenbrock(), 1e-3, 0.05, 600);
                case "saddle" -> new Setup(TestFunctions.saddle(), 0.05, 0.05, 150);
                default -> new Setup(TestFunctions.rotatedBowl(20, Math.PI / 8), 0.05, 0.05, 200);
            };
            int n = steps != null ? steps : s.steps();
            List<Charts.Line> lines = new ArrayList<>();
            pw.printf(Locale.ROOT, "%s, start (%s, %s), %d steps:%n", title(name, s.f()), s.f().start()[0],
                    s.f().start()[1], n);
            for (String o : optimizers) {
                boolean adaptive = !List.of("sgd", "momentum", "nesterov", "asgd").contains(o);
                double lr = o.equals("adadelta") ? 1.0 : adaptive ? s.adaptiveLr() : s.gradientLr();
                double[][] path = run(s.f(), o, lr, n);
                int last = path[0].length - 1;
                float[] end = {(float) path[0][last], (float) path[1][last]};
                pw.printf(Locale.ROOT, "  %-9s lr %-7s ends at (%.5g, %.5g), f = %.4g%s%n", o, TrainCommand.fmt(lr),
                        path[0][last], path[1][last], s.f().value(end), last < n ? " (left the plot after step " + last + ")" : "");
                lines.add(new Charts.Line(o + " (lr " + TrainCommand.fmt(lr) + ")", path[0], path[1]));
                for (int i = 0; i <= last; i++) {
                    csv.append(name).append(',').append(o).append(',').append(i).append(',').append(path[0][i])
                            .append(',').append(path[1][i]).append(',')
                            .append(s.f().value(new double[] {path[0][i], path[1][i]})).append('\n');
                }
            }
            draw(s.f(), name, lines);
        }
        Files.writeString(out.resolve("paths.csv"), csv);
        pw.println("wrote " + out.toAbsolutePath().normalize());
        return 0;
    }

    private picocli.CommandLine.ParameterException bad(String option, String value, String why) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option
                + "': '" + value + "' " + why);
    }

    /** The trajectory {x[], y[]} from the function's start; it ends early at a non-finite point. */
    static double[][] run(TestFunction f, String optimizer, double lr, int steps) {
        float[] p = new float[f.dimension()];
        double[] start = f.start();
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) start[i];
        }
        float[] g = new float[p.length];
        Optimizer opt = Optimizers.byName(optimizer, Schedules.constant(lr), Optimizers.Settings.DEFAULTS, Kernels.best(),
                List.of(Parameter.of("x", p, g)));
        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        xs[0] = p[0];
        ys[0] = p.length > 1 ? p[1] : f.value(p);
        int k = 0;
        while (k < steps) {
            f.gradient(p, g);
            opt.step();
            if (!Float.isFinite(p[0]) || (p.length > 1 && !Float.isFinite(p[1]))) {
                break;
            }
            k++;
            xs[k] = p[0];
            ys[k] = p.length > 1 ? p[1] : f.value(p);
            if (p.length > 1 && far(f, p)) {
                break;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(xs, k + 1), java.util.Arrays.copyOf(ys, k + 1)};
    }

    private static String title(String name, TestFunction f) {
        return name.equals("quadratic") ? "ill-conditioned quadratic (condition number 20, axes rotated 22.5 deg)"
                : f.name();
    }

    /** Whether {@code p} is not finite or beyond twice the plot box's size from it: the path left. */
    private static boolean far(TestFunction f, float[] p) {
        double[] lo = f.plotBox().lo();
        double[] hi = f.plotBox().hi();
        for (int i = 0; i < p.length; i++) {
            double w = hi[i] - lo[i];
            if (!Float.isFinite(p[i]) || p[i] < lo[i] - 2 * w || p[i] > hi[i] + 2 * w) {
                return true;
            }
        }
        return false;
    }

    private void draw(TestFunction f, String name, List<Charts.Line> lines) throws IOException {
        double[] lo = f.plotBox().lo();
        double[] hi = f.plotBox().hi();
        double[] x = new double[grid];
        double[] y = new double[grid];
        for (int i = 0; i < grid; i++) {
            x[i] = lo[0] + (hi[0] - lo[0]) * i / (grid - 1);
            y[i] = lo[1] + (hi[1] - lo[1]) * i / (grid - 1);
        }
        double[] z = new double[grid * grid];
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < grid; j++) {
            for (int i = 0; i < grid; i++) {
                z[j * grid + i] = f.value(new double[] {x[i], y[j]});
                min = Math.min(min, z[j * grid + i]);
            }
        }
        // log(1 + f - min) spreads the levels over the valleys as well as the walls
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.log1p(z[i] - min);
        }
        List<double[]> marks = new ArrayList<>();
        for (TestFunction.Minimum m : f.minima()) {
            marks.add(m.point());
        }
        if (f.minima().isEmpty()) {
            marks.add(new double[2]); // the saddle point
        }
        var chart = Charts.contour("lanes paths: " + title(name, f) + " (contours of log(1 + f - min))", x, y, z, 18, lines,
                marks.toArray(new double[0][]), f.minima().isEmpty() ? "saddle point" : "minimum");
        Charts.save(chart, out.resolve("paths-" + name + ".svg"));
        if (!noPng) {
            Charts.save(chart, out.resolve("paths-" + name + ".png"));
        }
    }

    /** Gradient descent and momentum 0.9 on the quartic from −2.8 with lr 0.05. */
    private void quartic(PrintWriter pw, StringBuilder csv) throws IOException {
        TestFunction f = TestFunctions.quartic();
        int n = steps != null ? steps : 150;
        double[] lo = f.plotBox().lo();
        double[] hi = f.plotBox().hi();
        int m = 400;
        double[] cx = new double[m];
        double[] cy = new double[m];
        for (int i = 0; i < m; i++) {
            cx[i] = lo[0] + (hi[0] - lo[0]) * i / (m - 1);
            cy[i] = f.value(new double[] {cx[i]});
        }
        List<Charts.Line> lines = new ArrayList<>();
        lines.add(new Charts.Line("f(x) = 0.3x^4 - 0.1x^3 - 2x^2 - 0.8x", cx, cy));
        pw.printf(Locale.ROOT, "quartic, start x0 = -2.8, lr 0.05, %d steps:%n", n);
        for (String o : new String[] {"sgd", "momentum"}) {
            float[] p = {-2.8f};
            float[] g = new float[1];
            Optimizer opt = o.equals("sgd")
                    ? Optimizers.byName("sgd", Schedules.constant(0.05), Optimizers.Settings.DEFAULTS, Kernels.best(),
                            List.of(Parameter.of("x", p, g)))
                    : Optimizers.byName("sgd", Schedules.constant(0.05), new Optimizers.Settings(0.9, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN, 0), Kernels.best(), List.of(Parameter.of("x", p, g)));
            double[] xs = new double[n + 1];
            double[] ys = new double[n + 1];
            xs[0] = p[0];
            ys[0] = f.value(p);
            for (int k = 1; k <= n; k++) {
                f.gradient(p, g);
                opt.step();
                xs[k] = p[0];
                ys[k] = f.value(p);
            }
            String label = o.equals("sgd") ? "gradient descent" : "momentum 0.9";
            String where = Math.abs(p[0] - 2.042) < 0.01 ? "the global minimum" : Math.abs(p[0] + 1.586) < 0.01
                    ? "the local minimum" : "neither minimum";
            pw.printf(Locale.ROOT, "  %-16s ends at x = %.4f, f = %.4f: %s%n", label, p[0], f.value(p), where);
            lines.add(new Charts.Line(label + " (lr 0.05)", xs, ys));
            for (int i = 0; i <= n; i++) {
                csv.append("quartic,").append(o.equals("sgd") ? "sgd" : "momentum").append(',').append(i).append(',')
                        .append(xs[i]).append(",,").append(ys[i]).append('\n');
            }
        }
        var chart = Charts.lines("lanes paths: the quartic from x0 = -2.8", "x", "f(x)", lines, false, 1);
        Charts.save(chart, out.resolve("paths-quartic.svg"));
        if (!noPng) {
            Charts.save(chart, out.resolve("paths-quartic.png"));
        }
    }
}
