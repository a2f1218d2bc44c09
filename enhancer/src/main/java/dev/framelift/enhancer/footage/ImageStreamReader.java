package dev.framelift.enhancer.footage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream of concatenated PNG and JPEG files ({@code cat *.png |}, or a camera tool
 * writing one image after another) into whole files, by walking each file's structure: PNG
 * chunks up to {@code IEND}; JPEG marker segments, and entropy-coded data up to the
 * {@code EOI} marker (so an EXIF thumbnail inside {@code APP1} does not end the file early).
 * Reads only what it returns; not thread-safe.
 */
final class ImageStreamReader {
    private static final long MAX_FILE = 1L << 30;

    private final DataInputStream in;
    private final long maxBytes;
    /** A marker already read (and copied) as the end of a scan. */
    private int unreadMarker = -1;

    /** @param maxBytes largest file accepted (a guard against a stream that is not images) */
    ImageStreamReader(InputStream in, long maxBytes) {
        this.in = new DataInputStream(in);
        this.maxBytes = Math.min(maxBytes, MAX_FILE);
    }

    /** The next whole file, or null at a clean end of the stream. */
    byte[] next() throws FootageException {
        try {
            final int first = in.read();
            if (first < 0) {
                return null;
            }
            final int second = in.readUnsignedByte();
            final Out out = new Out(maxBytes);
            out.write(first);
            out.write(second);
            if (first == 0x89 && second == 'P') {
                readPng(out);
            } else if (first == 0xFF && second == 0xD8) {
                readJpeg(out);
            } else {
                throw new FootageException(String.format("stdin: expected a PNG or JPEG file, found bytes %02x %02x",
                        first, second));
            }
            return out.toByteArray();
        } catch (EOFException e) {
            throw new FootageException("stdin: the stream ended in the middle of an image");
        } catch (FootageException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw new FootageException("stdin: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FootageException("stdin: " + e.getMessage(), e);
        }
    }

    private void readPng(Out out) throws IOException {
        copy(out, 6); // rest of the 8-byte signature
        while (true) {
            final int length = in.readInt();
            final int type = in.readInt();
            out.writeInt(length);
            out.writeInt(type);
            if (length < 0) {
                throw new FootageException("stdin: corrupt PNG chunk length " + length);
            }
            copy(out, (long) length + 4); // data and CRC
            if (type == 0x49454E44) { // IEND
                return;
            }
        }
    }

    private void readJpeg(Out out) throws IOException {
        while (true) {
            int marker = nextMarker(out);
            if (marker == 0xD9) { // EOI
                return;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers
            }
            final int length = in.readUnsignedShort();
            out.write(length >> 8);
            out.write(length & 0xFF);
            copy(out, length - 2);
            if (marker == 0xDA) { // SOS: entropy-coded data follows up to the next marker
                marker = skipEntropyData(out);
                if (marker == 0xD9) {
                    return;
                }
                unreadMarker = marker;
            }
        }
    }

    private int nextMarker(Out out) throws IOException {
        if (unreadMarker >= 0) {
            final int m = unreadMarker;
            unreadMarker = -1;
            return m;
        }
        final int b = in.readUnsignedByte();
        out.write(b);
        if (b != 0xFF) {
            throw new FootageException(String.format("stdin: corrupt JPEG, expected a marker, found %02x", b));
        }
        int m;
        do {
            m = in.readUnsignedByte();
            out.write(m);
        } while (m == 0xFF);
        return m;
    }

    /** Copies scan data; returns the marker that ends it (0xFF 0x00 and restart markers belong to the scan). */
    private int skipEntropyData(Out out) throws IOException {
        while (true) {
            final int b = in.readUnsignedByte();
            out.write(b);
            if (b != 0xFF) {
                continue;
            }
            int m;
            do {
                m = in.readUnsignedByte();
                out.write(m);
            } while (m == 0xFF);
            if (m != 0x00 && (m < 0xD0 || m > 0xD7)) {
                return m;
            }
        }
    }

    private void copy(Out out, long n) throws IOException {
        final byte[] buffer = new byte[8192];
        while (n > 0) {
            final int chunk = (int) Math.min(buffer.length, n);
            in.readFully(buffer, 0, chunk);
            out.write(buffer, 0, chunk);
            n -= chunk;
        }
    }

    /** A byte buffer that refuses to grow past the limit. */
    private static final class Out extends ByteArrayOutputStream {
        private final long max;

        Out(long max) {
            super(64 * 1024);
            this.max = max;
        }

        void writeInt(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int more) {
            if (count + (long) more > max) {
                throw new IllegalStateException("an image on stdin is over " + max + " bytes");
            }
        }
    }
}
