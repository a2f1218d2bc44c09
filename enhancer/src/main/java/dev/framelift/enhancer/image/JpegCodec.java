package dev.framelift.enhancer.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStreamImpl;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * ImageIO's JPEG reader and writer, one of each per thread, kept for that thread's next frame:
 * creating them costs a native codec set-up, a disposer registration and their buffers per frame.
 * Each thread also keeps the raster it decodes into and the array the writer writes into (neither
 * past {@value #KEPT_BUFFER_BYTES} bytes), so a decode allocates little beyond the copy its caller
 * makes and an encode little beyond its result. A reader or writer that failed is disposed, not kept.
 *
 * <p>Thread-safe: nothing is shared between threads.
 */
final class JpegCodec {
    private static final int KEPT_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final ImageReaderSpi READER = readerSpi();
    private static final ImageWriterSpi WRITER = writerSpi();
    private static final ThreadLocal<Reader> READERS = new ThreadLocal<>();
    private static final ThreadLocal<Writer> WRITERS = new ThreadLocal<>();

    private JpegCodec() {
    }

    /**
     * Decodes a whole JPEG file (its structure already checked) into ImageIO's raster. The raster
     * is this thread's, reused by its next decode of the same size and layout: copy the pixels out
     * before decoding again on the same thread.
     */
    static BufferedImage read(byte[] payload) throws IOException {
        Reader reader = READERS.get();
        if (reader == null) {
            reader = new Reader();
            READERS.set(reader);
        }
        boolean ok = false;
        try {
            final BufferedImage image = reader.read(payload);
            ok = true;
            return image;
        } finally {
            if (!ok) {
                READERS.remove();
                reader.reader.dispose();
            }
        }
    }

    /** One thread's reader and the raster it last decoded into. */
    private static final class Reader {
        final ImageReader reader;
        BufferedImage destination;

        Reader() throws IOException {
            reader = READER.createReaderInstance();
        }

        BufferedImage read(byte[] payload) throws IOException {
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(payload))) {
                reader.setInput(in, true, true);
                final ImageReadParam param = reader.getDefaultReadParam();
                final ImageTypeSpecifier type = reader.getImageTypes(0).next();
                final int w = reader.getWidth(0);
                final int h = reader.getHeight(0);
                if (destination == null || destination.getWidth() != w || destination.getHeight() != h
                        || !type.getColorModel().equals(destination.getColorModel())
                        || !type.getSampleModel().getClass().equals(destination.getSampleModel().getClass())
                        || destination.getSampleModel().getNumBands() != type.getNumBands()) {
                    destination = null;
                    if ((long) w * h * type.getNumBands() <= KEPT_BUFFER_BYTES) {
                        destination = type.createBufferedImage(w, h);
                    }
                }
                if (destination != null) {
                    param.setDestination(destination);
                }
                return reader.read(0, param);
            } finally {
                reader.setInput(null);
            }
        }
    }

    /** Encodes a gray or RGB image at {@code quality} (0 to 1, 4:2:0 chroma). */
    static byte[] write(BufferedImage image, float quality) throws IOException {
        Writer writer = WRITERS.get();
        if (writer == null) {
            writer = new Writer();
            WRITERS.set(writer);
        }
        boolean ok = false;
        try {
            final byte[] encoded = writer.write(image, quality);
            ok = true;
            return encoded;
        } finally {
            if (!ok || writer.out.buffer.length > KEPT_BUFFER_BYTES) {
                WRITERS.remove();
                writer.writer.dispose();
            }
        }
    }

    /** One thread's writer, its parameters and its output array. */
    private static final class Writer {
        final ImageWriter writer;
        final ImageWriteParam param;
        final ArrayOutput out = new ArrayOutput();

        Writer() throws IOException {
            writer = WRITER.createWriterInstance();
            param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        }

        byte[] write(BufferedImage image, float quality) throws IOException {
            param.setCompressionQuality(quality);
            out.rewind();
            writer.setOutput(out);
            try {
                writer.write(null, new IIOImage(image, null, null), param);
                out.flush();
                return Arrays.copyOf(out.buffer, (int) out.length());
            } finally {
                writer.setOutput(null);
            }
        }
    }

    /** An in-memory, seekable output stream over one growable array, reused from image to image. */
    private static final class ArrayOutput extends ImageOutputStreamImpl {
        byte[] buffer = new byte[256 * 1024];
        private int length;

        void rewind() {
            length = 0;
            streamPos = 0;
            flushedPos = 0;
            bitOffset = 0;
        }

        @Override
        public void write(int b) {
            ensure(streamPos + 1);
            buffer[(int) streamPos++] = (byte) b;
            length = Math.max(length, (int) streamPos);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(streamPos + len);
            System.arraycopy(b, off, buffer, (int) streamPos, len);
            streamPos += len;
            length = Math.max(length, (int) streamPos);
        }

        @Override
        public int read() {
            bitOffset = 0;
            return streamPos < length ? buffer[(int) streamPos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            bitOffset = 0;
            if (streamPos >= length) {
                return -1;
            }
            final int n = Math.min(len, length - (int) streamPos);
            System.arraycopy(buffer, (int) streamPos, b, off, n);
            streamPos += n;
            return n;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public void close() {
            // the array is kept for the next image
        }

        private void ensure(long size) {
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("JPEG output over 2 GiB");
            }
            if (size > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.max(size, Math.min(Integer.MAX_VALUE - 8L, buffer.length * 2L)));
            }
        }
    }

    private static ImageReaderSpi readerSpi() {
        final Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for jpeg");
        }
        final ImageReader reader = readers.next();
        final ImageReaderSpi spi = reader.getOriginatingProvider();
        reader.dispose();
        return spi;
    }

    private static ImageWriterSpi writerSpi() {
        final Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for jpeg");
        }
        final ImageWriter writer = writers.next();
        final ImageWriterSpi spi = writer.getOriginatingProvider();
        writer.dispose();
        return spi;
    }
}
