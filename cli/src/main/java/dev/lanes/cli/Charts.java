package dev.lanes.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The program's charts, drawn with JFreeChart: line charts of values per epoch, and contour plots
 * of a function of two variables with optimizer trajectories over them. Saved as SVG (through
 * JFreeSVG) or PNG, chosen by the file name's extension.
 */
final class Charts {
    /** One colour per line, distinguishable and in a fixed order. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x7f7f7f),
        new Color(0x000000), new Color(0x393b79), new Color(0x637939),
    };
    static final int WIDTH = 900;
    static final int HEIGHT = 600;

    /** A named line of (x, y) points. */
    record Line(String name, double[] x, double[] y) {}

    private Charts() {}

    /** A line chart: one coloured line per entry, with points marked. */
    static JFreeChart lines(String title, String xLabel, String yLabel, List<Line> lines, boolean logY) {
        return lines(title, xLabel, yLabel, lines, logY, 0);
    }

    /** As {@link #lines(String, String, String, List, boolean)}, the first {@code plain} lines without point marks. */
    static JFreeChart lines(String title, String xLabel, String yLabel, List<Line> lines, boolean logY, int plain) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line l : lines) {
            XYSeries s = new XYSeries(l.name(), false, true);
            for (int i = 0; i < l.x().length; i++) {
                s.add(l.x()[i], logY && !(l.y()[i] > 0) ? Double.NaN : l.y()[i]);
            }
            data.addSeries(s);
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        org.jfree.chart.axis.ValueAxis yAxis;
        if (logY) {
            org.jfree.chart.axis.LogAxis log = new org.jfree.chart.axis.LogAxis(yLabel);
            log.setSmallestValue(1e-6);
            yAxis = log;
        } else {
            NumberAxis n = new NumberAxis(yLabel);
            n.setAutoRangeIncludesZero(false);
            yAxis = n;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        style(r, lines.size());
        for (int i = 0; i < plain; i++) {
            r.setSeriesShapesVisible(i, false);
            r.setSeriesPaint(i, Color.GRAY);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart(title, plot);
    }

    /**
     * Loss (left axis) and accuracy (right axis) per epoch: training and test of each.
     */
    static JFreeChart lossAndAccuracy(String title, double[] epochs, double[] trainLoss, double[] testLoss,
                                      double[] trainAcc, double[] testAcc) {
        XYSeriesCollection loss = new XYSeriesCollection();
        loss.addSeries(series("training loss", epochs, trainLoss));
        loss.addSeries(series("test loss", epochs, testLoss));
        XYSeriesCollection acc = new XYSeriesCollection();
        acc.addSeries(series("training accuracy", epochs, trainAcc));
        acc.addSeries(series("test accuracy", epochs, testAcc));
        NumberAxis x = new NumberAxis("epoch");
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis lossAxis = new NumberAxis("loss (cross-entropy)");
        lossAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, true);
        lr.setSeriesPaint(0, PALETTE[0]);
        lr.setSeriesPaint(1, PALETTE[1]);
        lr.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        lr.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot plot = new XYPlot(loss, x, lossAxis, lr);
        NumberAxis accAxis = new NumberAxis("accuracy");
        accAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, accAxis);
        plot.setDataset(1, acc);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer ar = new XYLineAndShapeRenderer(true, true);
        ar.setSeriesPaint(0, PALETTE[2]);
        ar.setSeriesPaint(1, PALETTE[3]);
        ar.setSeriesStroke(0, new BasicStroke(2f));
        ar.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
        plot.setRenderer(1, ar);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart(title, plot);
    }

    /**
     * A contour plot of {@code z[j·nx + i]} (a function sampled at {@code x[i]}, {@code y[j]}): a pale
     * heat map of z, {@code levels} iso-lines by marching squares, and the trajectories on top.
     */
    static JFreeChart contour(String title, double[] x, double[] y, double[] z, int levels, List<Line> paths,
                              double[][] marks, String markLabel) {
        int nx = x.length;
        int ny = y.length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double[][] heat = new double[3][nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                heat[0][j * nx + i] = x[i];
                heat[1][j * nx + i] = y[j];
                heat[2][j * nx + i] = z[j * nx + i];
            }
        }
        DefaultXYZDataset heatData = new DefaultXYZDataset();
        heatData.addSeries("f", heat);
        XYBlockRenderer block = new XYBlockRenderer();
        block.setBlockWidth((x[nx - 1] - x[0]) / (nx - 1));
        block.setBlockHeight((y[ny - 1] - y[0]) / (ny - 1));
        block.setPaintScale(new Pale(lo, hi));
        block.setDefaultSeriesVisibleInLegend(false);

        XYSeriesCollection iso = new XYSeriesCollection();
        XYLineAndShapeRenderer isoR = new XYLineAndShapeRenderer(true, false);
        for (int l = 1; l <= levels; l++) {
            double level = lo + (hi - lo) * l / (levels + 1);
            XYSeries s = new XYSeries("level " + l, false, true);
            marchingSquares(x, y, z, level, s);
            iso.addSeries(s);
            isoR.setSeriesPaint(l - 1, new Color(90, 90, 90, 150));
            isoR.setSeriesStroke(l - 1, new BasicStroke(0.7f));
            isoR.setSeriesVisibleInLegend(l - 1, false);
        }

        XYSeriesCollection trajectories = new XYSeriesCollection();
        for (Line p : paths) {
            trajectories.addSeries(series(p.name(), p.x(), p.y()));
        }
        XYLineAndShapeRenderer pathR = new XYLineAndShapeRenderer(true, false);
        style(pathR, paths.size());

        XYSeriesCollection markData = new XYSeriesCollection();
        XYSeries m = new XYSeries(markLabel, false, true);
        for (double[] p : marks) {
            m.add(p[0], p[1]);
        }
        markData.addSeries(m);
        XYLineAndShapeRenderer markR = new XYLineAndShapeRenderer(false, true);
        markR.setSeriesPaint(0, Color.BLACK);
        markR.setSeriesShape(0, new java.awt.geom.Rectangle2D.Double(-5, -5, 10, 10));

        NumberAxis xAxis = new NumberAxis("x");
        NumberAxis yAxis = new NumberAxis("y");
        xAxis.setRange(x[0], x[nx - 1]);
        yAxis.setRange(y[0], y[ny - 1]);
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(heatData, xAxis, yAxis, block);
        plot.setDataset(1, iso);
        plot.setRenderer(1, isoR);
        plot.setDataset(2, trajectories);
        plot.setRenderer(2, pathR);
        plot.setDataset(3, markData);
        plot.setRenderer(3, markR);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        xAxis.setAutoRange(false);
        yAxis.setAutoRange(false);
        return chart(title, plot);
    }

    /** Writes {@code chart} as SVG or PNG by the extension of {@code file}. */
    static void save(JFreeChart chart, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } else if (name.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
            SVGUtils.writeToSVG(file.toFile(), g.getSVGElement());
        } else {
            throw new IllegalArgumentException("a chart file must end in .svg or .png, was " + file);
        }
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        JFreeChart c = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            s.add(x[i], y[i]);
        }
        return s;
    }

    private static void style(XYLineAndShapeRenderer r, int n) {
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
    }

    /**
     * Appends the iso-line {@code z = level} as segments separated by NaN points (the renderer
     * draws no line to or from a NaN): for each grid cell, the points where the level crosses its
     * edges, by linear interpolation, joined in pairs.
     */
    static void marchingSquares(double[] x, double[] y, double[] z, double level, XYSeries out) {
        int nx = x.length;
        double[] px = new double[4];
        double[] py = new double[4];
        for (int j = 0; j + 1 < y.length; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double z00 = z[j * nx + i];
                double z10 = z[j * nx + i + 1];
                double z11 = z[(j + 1) * nx + i + 1];
                double z01 = z[(j + 1) * nx + i];
                int k = 0;
                // edges in order: bottom, right, top, left
                k = cross(x[i], y[j], z00, x[i + 1], y[j], z10, level, px, py, k);
                k = cross(x[i + 1], y[j], z10, x[i + 1], y[j + 1], z11, level, px, py, k);
                k = cross(x[i + 1], y[j + 1], z11, x[i], y[j + 1], z01, level, px, py, k);
                k = cross(x[i], y[j + 1], z01, x[i], y[j], z00, level, px, py, k);
                for (int s = 0; s + 1 < k; s += 2) {
                    out.add(px[s], py[s]);
                    out.add(px[s + 1], py[s + 1]);
                    out.add(px[s + 1], Double.NaN);
                }
            }
        }
    }

    private static int cross(double xa, double ya, double za, double xb, double yb, double zb, double level,
                             double[] px, double[] py, int k) {
        if (!Double.isFinite(za) || !Double.isFinite(zb) || (za < level) == (zb < level)) {
            return k;
        }
        double t = (level - za) / (zb - za);
        px[k] = xa + t * (xb - xa);
        py[k] = ya + t * (yb - ya);
        return k + 1;
    }

    /** A pale blue-to-yellow ramp, so that iso-lines and trajectories stand out over it. */
    private record Pale(double lo, double hi) implements PaintScale {
        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public Paint getPaint(double value) {
            double t = hi > lo ? Math.clamp((value - lo) / (hi - lo), 0.0, 1.0) : 0;
            int r = (int) Math.round(215 + 40 * t);
            int g = (int) Math.round(230 + 15 * t);
            int b = (int) Math.round(255 - 70 * t);
            return new Color(r, g, b);
        }
    }
}
