package dev.lanes.spark;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One end of a training connection between the driver and a worker task: little-endian ints and
 * float arrays over a TCP socket, with reusable buffers (nothing is allocated per message once the
 * buffers have grown to the largest one).
 *
 * <p>Reads wait in slices of the socket's timeout; between slices {@link Liveness#check()} may
 * abandon the read (the driver asks whether the job failed or a replacement arrived), so a read
 * never blocks forever on a task that is gone without closing its socket.
 */
final class Wire implements AutoCloseable {
    /** First int of a worker's greeting. */
    static final int HELLO = 0x4c414e45;
    /** Driver to worker: the epoch's order of the worker's shards. */
    static final int EPOCH = 1;
    /** Driver to worker: compute a step at these weights. */
    static final int STEP = 2;
    /** Driver to worker: training is over. */
    static final int STOP = 3;
    /** Worker to driver: a step's nodes. */
    static final int RESULT = 4;

    /** Decides, while a read waits, whether to keep waiting. */
    interface Liveness {
        /** Throws to abandon the read. */
        void check() throws IOException;
    }

    private static final Liveness FOREVER = () -> { };

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer small = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private byte[] bytes = new byte[1 << 16];

    Wire(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    Socket socket() {
        return socket;
    }

    // ---------------------------------------------------------------- writing

    void writeInt(int v) throws IOException {
        small.clear();
        small.putInt(v);
        out.write(small.array(), 0, 4);
    }

    void writeLong(long v) throws IOException {
        small.clear();
        small.putLong(v);
        out.write(small.array(), 0, 8);
    }

    /** Writes {@code a[off, off + n)} as little-endian floats. */
    void writeFloats(float[] a, int off, int n) throws IOException {
        int max = bytes.length / 4;
        for (int done = 0; done < n; ) {
            int k = Math.min(max, n - done);
            ByteBuffer.wrap(bytes, 0, k * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(a, off + done, k);
            out.write(bytes, 0, k * 4);
            done += k;
        }
    }

    /** Writes {@code a[off, off + n)} as little-endian ints. */
    void writeInts(int[] a, int off, int n) throws IOException {
        int max = bytes.length / 4;
        for (int done = 0; done < n; ) {
            int k = Math.min(max, n - done);
            ByteBuffer.wrap(bytes, 0, k * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(a, off + done, k);
            out.write(bytes, 0, k * 4);
            done += k;
        }
    }

    /** Writes raw bytes (floats already encoded by {@link #encode}). */
    void writeBytes(byte[] b, int off, int n) throws IOException {
        out.write(b, off, n);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Encodes {@code a[0, n)} as little-endian floats into {@code dst} (grown if needed), returned. */
    static byte[] encode(float[] a, int n, byte[] dst) {
        byte[] b = dst != null && dst.length >= n * 4 ? dst : new byte[n * 4];
        ByteBuffer.wrap(b, 0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(a, 0, n);
        return b;
    }

    /** Decodes {@code n} little-endian floats from {@code src[srcOff…]} into {@code dst[dstOff…]}. */
    static void decode(byte[] src, int srcOff, float[] dst, int dstOff, int n) {
        ByteBuffer.wrap(src, srcOff, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, dstOff, n);
    }

    // ---------------------------------------------------------------- reading

    int readInt() throws IOException {
        return readInt(FOREVER);
    }

    int readInt(Liveness live) throws IOException {
        readFully(small.array(), 0, 4, live);
        return small.getInt(0);
    }

    long readLong(Liveness live) throws IOException {
        readFully(small.array(), 0, 8, live);
        return small.getLong(0);
    }

    /** Reads {@code n} floats into {@code dst[off…]}. */
    void readFloats(float[] dst, int off, int n, Liveness live) throws IOException {
        int max = bytes.length / 4;
        for (int done = 0; done < n; ) {
            int k = Math.min(max, n - done);
            readFully(bytes, 0, k * 4, live);
            decode(bytes, 0, dst, off + done, k);
            done += k;
        }
    }

    /** Reads {@code n} ints into {@code dst[off…]}. */
    void readInts(int[] dst, int off, int n, Liveness live) throws IOException {
        int max = bytes.length / 4;
        for (int done = 0; done < n; ) {
            int k = Math.min(max, n - done);
            readFully(bytes, 0, k * 4, live);
            ByteBuffer.wrap(bytes, 0, k * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(dst, off + done, k);
            done += k;
        }
    }

    /** Reads exactly {@code n} bytes into {@code b[off…]}, checking {@code live} while it waits. */
    void readFully(byte[] b, int off, int n, Liveness live) throws IOException {
        int done = 0;
        while (done < n) {
            int r;
            try {
                r = in.read(b, off + done, n - done);
            } catch (SocketTimeoutException e) {
                live.check();
                continue;
            }
            if (r < 0) {
                throw new EOFException("the connection closed " + (done == 0 ? "" : "in the middle of a message"));
            }
            done += r;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer may be gone already
        }
    }
}
