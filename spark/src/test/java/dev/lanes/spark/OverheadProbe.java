package dev.lanes.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Measures what one training step's exchange costs in {@code local[2]}: an empty Spark job, a job
 * shipping the weights (as a broadcast or in the closure) and collecting a gradient from each of
 * two tasks, and the same exchange over the sockets of two long-running tasks; the medians
 * decided {@link SparkGradients}' design. Not a test: run it with
 * {@code LANES_MAIN=dev.lanes.spark.OverheadProbe spark/peer-benchmark.sh [FLOATS STEPS]}.
 */
public final class OverheadProbe {
    public static void main(String[] args) throws Exception {
        int w = Integer.parseInt(args.length > 0 ? args[0] : "235146");
        int steps = Integer.parseInt(args.length > 1 ? args[1] : "200");
        SparkSession s = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(s.sparkContext());
        JavaRDD<Integer> rdd = sc.parallelize(List.of(0, 1), 2).cache();
        rdd.count();
        float[] weights = new float[w];
        Arrays.fill(weights, 0.5f);

        for (int round = 0; round < 2; round++) {
            long[] t = new long[steps];
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                rdd.mapPartitions(it -> List.of(1).iterator()).collect();
                t[i] = System.nanoTime() - t0;
            }
            report("trivial job", t);

            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                Broadcast<float[]> b = sc.broadcast(weights.clone());
                List<float[]> r = rdd.mapPartitions(it -> {
                    float[] in = b.value();
                    float[] out = new float[in.length];
                    out[0] = in[0];
                    return List.of(out).iterator();
                }).collect();
                b.destroy();
                t[i] = System.nanoTime() - t0;
                if (r.size() != 2) {
                    throw new AssertionError();
                }
            }
            report("job + broadcast + collect float[W] x2", t);

            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                float[] in = weights.clone();
                List<float[]> r = rdd.mapPartitions(it -> {
                    float[] out = new float[in.length];
                    out[0] = in[0];
                    return List.of(out).iterator();
                }).collect();
                t[i] = System.nanoTime() - t0;
                if (r.size() != 2) {
                    throw new AssertionError();
                }
            }
            report("job + closure + collect float[W] x2", t);

            try (ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
                int port = server.getLocalPort();
                int n = steps;
                JavaFutureAction<Void> job = rdd.foreachPartitionAsync(it -> {
                    try (Socket sock = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        sock.setTcpNoDelay(true);
                        DataInputStream in = new DataInputStream(new BufferedInputStream(sock.getInputStream(), 1 << 16));
                        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sock.getOutputStream(), 1 << 16));
                        byte[] buf = new byte[w * 4];
                        for (int i = 0; i < n; i++) {
                            in.readFully(buf);
                            out.write(buf);
                            out.flush();
                        }
                    }
                });
                List<Socket> socks = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    Socket c = server.accept();
                    c.setTcpNoDelay(true);
                    socks.add(c);
                }
                ByteBuffer bb = ByteBuffer.allocate(w * 4).order(ByteOrder.LITTLE_ENDIAN);
                byte[] back = new byte[w * 4];
                List<DataInputStream> ins = new ArrayList<>();
                List<DataOutputStream> outs = new ArrayList<>();
                for (Socket c : socks) {
                    ins.add(new DataInputStream(new BufferedInputStream(c.getInputStream(), 1 << 16)));
                    outs.add(new DataOutputStream(new BufferedOutputStream(c.getOutputStream(), 1 << 16)));
                }
                for (int i = 0; i < steps; i++) {
                    long t0 = System.nanoTime();
                    bb.clear();
                    bb.asFloatBuffer().put(weights);
                    for (DataOutputStream o : outs) {
                        o.write(bb.array());
                        o.flush();
                    }
                    for (DataInputStream in : ins) {
                        in.readFully(back);
                    }
                    ByteBuffer.wrap(back).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(new float[w]);
                    t[i] = System.nanoTime() - t0;
                }
                job.get();
                for (Socket c : socks) {
                    c.close();
                }
            }
            report("long-running tasks + TCP float[W] both ways x2", t);
        }
        s.stop();
    }

    private static void report(String what, long[] t) {
        long[] c = t.clone();
        Arrays.sort(c);
        System.out.printf("%-50s median %.2f ms, p10 %.2f ms, p90 %.2f ms%n", what, c[c.length / 2] / 1e6,
                c[c.length / 10] / 1e6, c[c.length * 9 / 10] / 1e6);
    }

    private OverheadProbe() {}
}
