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
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

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
    private final byte[] bytes = new byte[1 << 16];
    private final FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    private final IntBuffer ints = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();

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
            floats.clear();
            floats.put(a, off + done, k);
            out.write(bytes, 0, k * 4);
            done += k;
        }
    }

    /** Writes {@code a[off, off + n)} as little-endian ints. */
    void writeInts(int[] a, int off, int n) throws IOException {
        int max = bytes.length / 4;
        for (int done = 0; done < n; ) {
            int k = Math.min(max, n - done);
            ints.clear();
            ints.put(a, off + done, k);
            out.write(bytes, 0, k * 4);
            done += k;
        }
    }

    /** Writes {@code floats} already encoded in {@code b}. */
    void write(Encoded b, int floats) throws IOException {
        out.write(b.bytes, 0, floats * 4);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Floats as the little-endian bytes that travel: one buffer and its view, made once, used each step. */
    static final class Encoded {
        private final byte[] bytes;
        private final FloatBuffer view;

        Encoded(int floats) {
            this.bytes = new byte[Math.multiplyExact(floats, 4)];
            this.view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }

        /** Encodes {@code a[0, n)}. */
        void encode(float[] a, int n) {
            view.clear();
            view.put(a, 0, n);
        }

        /** Decodes the first {@code n} floats into {@code dst[off…]}. */
        void decode(float[] dst, int off, int n) {
            view.clear();
            view.get(dst, off, n);
        }
    }

    /** Reads {@code floats} encoded floats into {@code b}. */
    void read(Encoded b, int floats, Liveness live) throws IOException {
        readFully(b.bytes, 0, floats * 4, live);
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
            floats.clear();
            floats.get(dst, off + done, k);
            done += k;
        }
    }

    /** Reads {@code n} ints into {@code dst[off…]}. */
    void readInts(int[] dst, int off, int n, Liveness live) throws IOException {
        int max = bytes.length / 4;
        for (int done = 0; done < n; ) {
            int k = Math.min(max, n - done);
            readFully(bytes, 0, k * 4, live);
            ints.clear();
            ints.get(dst, off + done, k);
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
