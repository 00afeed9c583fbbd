package dev.lanes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.kernel.Kernels;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Turns JMH JSON results into a markdown report and charts: every {@code xxxScalar}/{@code xxxVector}
 * pair side by side (ns per element and the speed-up), every optimizer step beside the in-place
 * streaming bound of its memory traffic measured in the same run ({@link RooflineBenchmark}), the
 * matrix products beside the FMA peak, and a chart of optimizer throughput against size with the
 * bandwidth bounds drawn.
 *
 * <p>Usage: {@code Report OUT_DIR RESULT.json...}; writes {@code OUT_DIR/RESULTS.md},
 * {@code OUT_DIR/optimizers.svg} and {@code OUT_DIR/optimizers.png}.
 */
public final class Report {
    /**
     * Arrays each optimizer step streams through (read all, write all but the gradient): the
     * in-place bound with the same count is its roofline. Matched on the kernel name's start.
     */
    private static final Map<String, Integer> ARRAYS = new TreeMap<>(Map.ofEntries(
            Map.entry("sgd", 2), Map.entry("sgdmomentum", 3), Map.entry("momentum", 3), Map.entry("velocity", 3), Map.entry("adagrad", 3),
            // OptimizerStepBenchmark's RMSProp has momentum: square average and buffer
            Map.entry("rmsprop", 4), Map.entry("adadelta", 4), Map.entry("adam", 4), Map.entry("adamax", 4),
            Map.entry("nadam", 4), Map.entry("radam", 4), Map.entry("rprop", 4), Map.entry("quickprop", 4),
            Map.entry("asgd", 3)));

    private Report() {}

    /**
     * One JMH result: {@code score} in ns per operation, {@code forkMeans} the mean of each fork,
     * {@code noSuperWord} whether its JVM ran with {@code -XX:-UseSuperWord} (C2's auto-vectoriser
     * off, which only changes what the scalar reference compiles to).
     */
    record Result(String benchClass, String method, Map<String, String> params, double score, double error,
                  Double allocPerOp, List<Double> forkMeans, boolean noSuperWord) {
        /** The size or shape parameter, then any other parameter except threads. */
        String label() {
            StringBuilder b = new StringBuilder(params.getOrDefault("size", params.getOrDefault("shape", "")));
            params.forEach((k, v) -> {
                if (!k.equals("size") && !k.equals("shape") && !k.equals("threads")) {
                    b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(v);
                }
            });
            return b.toString();
        }

        String threads() {
            return params.getOrDefault("threads", "1");
        }

        /** Elements per operation (the size parameter), or NaN when the benchmark has none. */
        double elements() {
            return params.containsKey("size") ? Double.parseDouble(params.get("size")) : Double.NaN;
        }

        /** The spread of the fork means, (max − min) / min, or NaN with one fork. */
        double forkSpread() {
            if (forkMeans.size() < 2) {
                return Double.NaN;
            }
            double lo = forkMeans.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double hi = forkMeans.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            return (hi - lo) / lo;
        }
    }

    /** Runs the report; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Report OUT_DIR RESULT.json...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<Result> results = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            results.addAll(read(Path.of(args[i])));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("RESULTS.md"), markdown(results, args));
        chart(results, out);
        System.out.println("wrote " + out.resolve("RESULTS.md") + ", optimizers.svg, optimizers.png");
    }

    static List<Result> read(Path json) throws IOException {
        List<Result> list = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
            String bench = r.get("benchmark").asText();
            int dot = bench.lastIndexOf('.');
            String cls = bench.substring(bench.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new TreeMap<>();
            if (r.has("params")) {
                r.get("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            }
            boolean noSuperWord = false;
            for (JsonNode a : r.path("jvmArgs")) {
                noSuperWord |= a.asText().equals("-XX:-UseSuperWord");
            }
            JsonNode pm = r.get("primaryMetric");
            JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
            String unit = pm.get("scoreUnit").asText();
            double toNs = switch (unit) {
                case "ns/op" -> 1;
                case "us/op" -> 1e3;
                case "ms/op" -> 1e6;
                case "s/op" -> 1e9;
                default -> throw new IllegalArgumentException(json + ": unit " + unit + " (average time expected)");
            };
            List<Double> forkMeans = new ArrayList<>();
            for (JsonNode fork : pm.path("rawData")) {
                double sum = 0;
                for (JsonNode v : fork) {
                    sum += v.asDouble();
                }
                if (fork.size() > 0) {
                    forkMeans.add(sum / fork.size() * toNs);
                }
            }
            list.add(new Result(cls, bench.substring(dot + 1), params, pm.get("score").asDouble() * toNs,
                    pm.path("scoreError").asDouble(Double.NaN) * toNs,
                    alloc.isMissingNode() ? null : alloc.asDouble(), forkMeans, noSuperWord));
        }
        return list;
    }

    /** The result of {@code method} with these parameters (label and threads) and SuperWord setting. */
    private static Optional<Result> find(List<Result> rs, String cls, String method, String label, String threads,
                                         boolean noSuperWord) {
        return rs.stream().filter(r -> r.benchClass.equals(cls) && r.method.equals(method)
                && r.label().equals(label) && r.threads().equals(threads) && r.noSuperWord == noSuperWord).findFirst();
    }

    private static Optional<Result> find(List<Result> rs, String cls, String method, String label) {
        return find(rs, cls, method, label, "1", false);
    }

    /** Elements per second bound of an in-place stream over {@code arrays} arrays at this size. */
    private static Optional<Double> boundGelems(List<Result> rs, int arrays, String size) {
        return find(rs, "RooflineBenchmark", "stream" + arrays, size)
                .map(r -> Double.parseDouble(size) / r.score);
    }

    static Integer arraysOf(String kernel) {
        String k = kernel.toLowerCase(Locale.ROOT).replace("step", "");
        Integer best = null;
        int bestLen = -1;
        for (var e : ARRAYS.entrySet()) {
            if (k.startsWith(e.getKey()) && e.getKey().length() > bestLen) {
                best = e.getValue();
                bestLen = e.getKey().length();
            }
        }
        return best;
    }

    static String markdown(List<Result> rs, String[] args) {
        StringBuilder md = new StringBuilder("# Lanes benchmark results\n\n");
        md.append("Machine: `").append(Kernels.best().info()).append("`  \n");
        md.append("Source: ");
        for (int i = 1; i < args.length; i++) {
            md.append('`').append(Path.of(args[i]).getFileName()).append("` ");
        }
        md.append("(JMH, average time; ns/elem = ns/op ÷ size). *Forks*: the number of JVMs and the spread of "
                + "their means, (max − min) / min: C2 compiles each JVM afresh and may not choose the same code.\n\n");

        Optional<Result> fma = rs.stream().filter(r -> r.benchClass.equals("RooflineBenchmark") && r.method.equals("fma")).findFirst();
        Optional<Result> sqrt = rs.stream().filter(r -> r.benchClass.equals("RooflineBenchmark") && r.method.equals("sqrtDiv")).findFirst();
        TreeSet<String> classes = new TreeSet<>();
        rs.forEach(r -> classes.add(r.benchClass));
        if (classes.contains("RooflineBenchmark")) {
            md.append("## The machine's limits (RooflineBenchmark)\n\n");
            int lanes = dev.lanes.vectorops.roofline.Roofline.lanes();
            fma.ifPresent(r -> md.append(String.format(Locale.ROOT, "- FMA peak: %.1f GFLOP/s (%d chains × %d lanes)%n",
                    2.0 * RooflineBenchmark.ROUNDS * dev.lanes.vectorops.roofline.Roofline.FMA_CHAINS * lanes / r.score,
                    dev.lanes.vectorops.roofline.Roofline.FMA_CHAINS, lanes)));
            sqrt.ifPresent(r -> md.append(String.format(Locale.ROOT, "- sqrt + div: %.2f G pairs/s%n",
                    (double) RooflineBenchmark.ROUNDS * dev.lanes.vectorops.roofline.Roofline.SQRT_CHAINS * lanes / r.score)));
            md.append("\n| size (floats per array) | 2 arrays (12 B/elem) | 3 arrays (20 B/elem) | 4 arrays (28 B/elem) |\n|---:|---:|---:|---:|\n");
            for (String size : labels(rs, "RooflineBenchmark")) {
                md.append("| ").append(size);
                for (int a = 2; a <= 4; a++) {
                    int bytes = 4 * (2 * a - 1);
                    md.append(" | ").append(find(rs, "RooflineBenchmark", "stream" + a, size)
                            .map(r -> String.format(Locale.ROOT, "%.1f GB/s = %.2f Gelem/s",
                                    Double.parseDouble(size) * bytes / r.score, Double.parseDouble(size) / r.score))
                            .orElse("–"));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
        for (String cls : classes) {
            if (cls.equals("RooflineBenchmark")) {
                continue;
            }
            md.append("## ").append(cls).append("\n\n");
            if (rs.stream().anyMatch(r -> r.benchClass.equals(cls) && r.params.containsKey("shape"))) {
                gemmTable(rs, cls, fma, md);
            } else if (rs.stream().anyMatch(r -> r.benchClass.equals(cls) && r.method.endsWith("Vector"))) {
                pairTable(rs, cls, md);
            } else {
                plainTable(rs, cls, md);
            }
        }
        return md.toString();
    }

    /** Scalar/vector pairs: time per element, speed-up, and for optimizers the same-run streaming bound. */
    private static void pairTable(List<Result> rs, String cls, StringBuilder md) {
        boolean perElement = rs.stream().anyMatch(r -> r.benchClass.equals(cls) && r.params.containsKey("size"));
        boolean noSw = rs.stream().anyMatch(r -> r.benchClass.equals(cls) && r.noSuperWord);
        String unit = perElement ? "ns/elem" : "ns/op";
        md.append("| kernel | params | scalar ").append(unit);
        if (noSw) {
            md.append(" | scalar, SuperWord off");
        }
        md.append(" | vector ").append(unit).append(" | speed-up | vector Gelem/s | bound Gelem/s | % of bound"
                + " | forks (spread) | vector B/op |\n|---|---:|---:|");
        md.append(noSw ? "---:|" : "").append("---:|---:|---:|---:|---:|---:|---:|\n");
        for (String kernel : kernels(rs, cls, "Vector")) {
            for (String label : labels(rs, cls)) {
                Optional<Result> v = find(rs, cls, kernel + "Vector", label);
                if (v.isEmpty()) {
                    continue;
                }
                Optional<Result> s = find(rs, cls, kernel + "Scalar", label);
                Optional<Result> sn = find(rs, cls, kernel + "Scalar", label, "1", true);
                double n = perElement ? v.get().elements() : 1;
                double vns = v.get().score / n;
                md.append("| ").append(kernel).append(" | ").append(label)
                        .append(" | ").append(s.map(r -> fmt(r.score / n)).orElse("–"));
                if (noSw) {
                    md.append(" | ").append(sn.map(r -> fmt(r.score / n)).orElse("–"));
                }
                md.append(" | ").append(fmt(vns))
                        .append(" | ").append(s.map(r -> String.format(Locale.ROOT, "%.2f×", r.score / v.get().score)).orElse("–"))
                        .append(" | ").append(perElement ? String.format(Locale.ROOT, "%.2f", 1 / vns) : "–");
                Integer arrays = cls.startsWith("Optimizer") ? arraysOf(kernel) : null;
                Optional<Double> bound = arrays == null || !perElement ? Optional.empty()
                        : boundGelems(rs, arrays, v.get().params.get("size"));
                md.append(" | ").append(bound.map(b -> String.format(Locale.ROOT, "%.2f", b)).orElse("–"))
                        .append(" | ").append(bound.map(b -> String.format(Locale.ROOT, "%.0f %%", 100 / vns / b)).orElse("–"))
                        .append(" | ").append(forks(v.get()))
                        .append(" | ").append(alloc(v.get()))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    /** Benchmarks without a scalar twin (whole training steps, threads): time, throughput, thread scaling. */
    private static void plainTable(List<Result> rs, String cls, StringBuilder md) {
        md.append("Throughput: images/s for benchmarks with a batch, Gelem/s for those with a size. Speed-up: "
                + "against the same benchmark on one thread.\n\n");
        boolean bounded = rs.stream().anyMatch(r -> r.benchClass.equals(cls) && r.params.containsKey("algorithm"))
                && rs.stream().anyMatch(r -> r.benchClass.equals("RooflineThreadsBenchmark"));
        if (bounded) {
            md.append("Bound: the in-place stream over as many arrays (RooflineThreadsBenchmark), same size and "
                    + "threads, same run.\n\n");
        }
        md.append("| benchmark | params | threads | µs/op | throughput | speed-up | ")
                .append(bounded ? "bound Gelem/s | % of bound | " : "").append("forks (spread) | B/op |\n");
        md.append("|---|---|---:|---:|---:|---:|").append(bounded ? "---:|---:|" : "").append("---:|---:|\n");
        for (Result r : rs.stream().filter(r -> r.benchClass.equals(cls))
                .sorted(java.util.Comparator.comparing(Result::method).thenComparingDouble(r -> numeric(r.label()))
                        .thenComparing(Result::label).thenComparingDouble(r -> numeric(r.threads()))).toList()) {
            String throughput = "–";
            if (r.params.containsKey("batch")) {
                throughput = String.format(Locale.ROOT, "%,.0f images/s", Double.parseDouble(r.params.get("batch")) * 1e9 / r.score);
            } else if (r.params.containsKey("size")) {
                throughput = String.format(Locale.ROOT, "%.2f Gelem/s", r.elements() / r.score);
            }
            Optional<Result> one = r.threads().equals("1") ? Optional.empty()
                    : find(rs, cls, r.method, r.label(), "1", r.noSuperWord);
            md.append("| ").append(r.method).append(" | ").append(r.label()).append(" | ").append(r.threads())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.score / 1e3))
                    .append(" | ").append(throughput)
                    .append(" | ").append(one.map(o -> String.format(Locale.ROOT, "%.2f×", o.score / r.score)).orElse("–"));
            if (bounded) {
                Integer arrays = r.params.containsKey("algorithm") ? arraysOf(r.params.get("algorithm")) : null;
                Optional<Double> bound = arrays == null ? Optional.empty()
                        : find(rs, "RooflineThreadsBenchmark", "stream" + arrays, r.params.get("size"), r.threads(), false)
                                .map(b -> b.elements() / b.score);
                md.append(" | ").append(bound.map(b -> String.format(Locale.ROOT, "%.2f", b)).orElse("–"))
                        .append(" | ").append(bound.map(b -> String.format(Locale.ROOT, "%.0f %%",
                                100 * r.elements() / r.score / b)).orElse("–"));
            }
            md.append(" | ").append(forks(r))
                    .append(" | ").append(alloc(r)).append(" |\n");
        }
        md.append('\n');
    }

    /** Matrix products: GFLOP/s (2·rows·in·out per op) of both backends and the vector's share of the FMA peak. */
    private static void gemmTable(List<Result> rs, String cls, Optional<Result> fma, StringBuilder md) {
        int lanes = dev.lanes.vectorops.roofline.Roofline.lanes();
        Optional<Double> peak = fma.map(r -> 2.0 * RooflineBenchmark.ROUNDS
                * dev.lanes.vectorops.roofline.Roofline.FMA_CHAINS * lanes / r.score);
        md.append("GFLOP/s = 2·rows·in·out / time (the bias product: rows·out adds). Shape = rows:in:out. "
                + "% of FMA peak: of one core's peak, times the threads.\n\n");
        md.append("| kernel | shape | threads | scalar µs | vector µs | speed-up | scalar GFLOP/s | vector GFLOP/s "
                + "| % of FMA peak | vs 1 thread | forks (spread) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        TreeSet<String> threadCounts = new TreeSet<>(java.util.Comparator.comparingDouble(Report::numeric));
        rs.stream().filter(r -> r.benchClass.equals(cls)).forEach(r -> threadCounts.add(r.threads()));
        for (String kernel : kernels(rs, cls, "Vector")) {
            for (String shape : labels(rs, cls)) {
                for (String threads : threadCounts) {
                    Optional<Result> v = find(rs, cls, kernel + "Vector", shape, threads, false);
                    if (v.isEmpty()) {
                        continue;
                    }
                    Optional<Result> s = find(rs, cls, kernel + "Scalar", shape, threads, false);
                    Optional<Result> v1 = threads.equals("1") ? Optional.empty()
                            : find(rs, cls, kernel + "Vector", shape, "1", false);
                    String[] d = shape.split(":");
                    double flops = kernel.startsWith("bias")
                            ? Double.parseDouble(d[0]) * Double.parseDouble(d[2])
                            : 2 * Double.parseDouble(d[0]) * Double.parseDouble(d[1]) * Double.parseDouble(d[2]);
                    double vg = flops / v.get().score;
                    md.append("| ").append(kernel).append(" | ").append(shape).append(" | ").append(threads)
                            .append(" | ").append(s.map(r -> String.format(Locale.ROOT, "%.1f", r.score / 1e3)).orElse("–"))
                            .append(" | ").append(String.format(Locale.ROOT, "%.1f", v.get().score / 1e3))
                            .append(" | ").append(s.map(r -> String.format(Locale.ROOT, "%.1f×", r.score / v.get().score)).orElse("–"))
                            .append(" | ").append(s.map(r -> String.format(Locale.ROOT, "%.2f", flops / r.score)).orElse("–"))
                            .append(" | ").append(String.format(Locale.ROOT, "%.1f", vg))
                            .append(" | ").append(peak.filter(p -> !kernel.startsWith("bias"))
                                    .map(p -> String.format(Locale.ROOT, "%.0f %%", 100 * vg / (p * numeric(threads))))
                                    .orElse("–"))
                            .append(" | ").append(v1.map(o -> String.format(Locale.ROOT, "%.2f×", o.score / v.get().score)).orElse("–"))
                            .append(" | ").append(forks(v.get()))
                            .append(" |\n");
                }
            }
        }
        md.append('\n');
    }

    private static TreeSet<String> kernels(List<Result> rs, String cls, String suffix) {
        TreeSet<String> kernels = new TreeSet<>();
        rs.stream().filter(r -> r.benchClass.equals(cls) && r.method.endsWith(suffix))
                .forEach(r -> kernels.add(r.method.substring(0, r.method.length() - suffix.length())));
        return kernels;
    }

    private static String forks(Result r) {
        double spread = r.forkSpread();
        return r.forkMeans.size() + (Double.isNaN(spread) ? "" : String.format(Locale.ROOT, " (%.0f %%)", 100 * spread));
    }

    private static String alloc(Result r) {
        return r.allocPerOp == null ? "–" : String.format(Locale.ROOT, "%.0f", r.allocPerOp);
    }

    private static double numeric(String size) {
        try {
            return Double.parseDouble(size);
        } catch (NumberFormatException e) {
            int comma = size.indexOf(',');
            return comma > 0 ? numeric(size.substring(0, comma)) : 1;
        }
    }

    private static String fmt(double nsPerElem) {
        return String.format(Locale.ROOT, nsPerElem < 10 ? "%.3f" : "%.1f", nsPerElem);
    }

    private static List<String> labels(List<Result> rs, String cls) {
        TreeSet<String> labels = new TreeSet<>((a, b) -> Double.compare(numeric(a), numeric(b)) != 0
                ? Double.compare(numeric(a), numeric(b)) : a.compareTo(b));
        rs.stream().filter(r -> r.benchClass.equals(cls)).forEach(r -> labels.add(r.label()));
        return new ArrayList<>(labels);
    }

    /** Optimizer throughput (vector, Gelem/s) against size, with the in-place streaming bounds. */
    static void chart(List<Result> rs, Path out) {
        XYSeriesCollection data = new XYSeriesCollection();
        TreeMap<String, XYSeries> series = new TreeMap<>();
        for (Result r : rs) {
            if (r.benchClass.equals("OptimizerStepBenchmark") && r.method.endsWith("Vector") && !r.noSuperWord) {
                String name = r.method.substring(0, r.method.length() - "Vector".length());
                series.computeIfAbsent(name, XYSeries::new).add(r.elements(), r.elements() / r.score);
            }
        }
        series.values().forEach(data::addSeries);
        int firstBound = data.getSeriesCount();
        for (int a = 2; a <= 4; a++) {
            XYSeries bound = new XYSeries("bound: " + a + "-array stream (" + 4 * (2 * a - 1) + " B/elem)");
            for (Result r : rs) {
                if (r.benchClass.equals("RooflineBenchmark") && r.method.equals("stream" + a)) {
                    bound.add(r.elements(), r.elements() / r.score);
                }
            }
            if (bound.getItemCount() > 0) {
                data.addSeries(bound);
            }
        }
        LogAxis x = new LogAxis("floats per array");
        x.setBase(2);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(2));
        x.setMinorTickMarksVisible(false);
        NumberAxis y = new NumberAxis("Gelem/s (vector kernels)");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = firstBound; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {8f, 6f}, 0f));
            renderer.setSeriesPaint(i, Color.GRAY.darker());
            renderer.setSeriesShapesVisible(i, false);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Optimizer steps against the in-place streaming bound",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(out.resolve("optimizers.png").toFile(), chart, 1100, 700);
            SVGGraphics2D svg = new SVGGraphics2D(1100, 700);
            chart.draw(svg, new Rectangle(0, 0, 1100, 700));
            Files.writeString(out.resolve("optimizers.svg"), svg.getSVGDocument());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
