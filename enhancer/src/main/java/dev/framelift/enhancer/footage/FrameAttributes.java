package dev.framelift.enhancer.footage;

/**
 * The {@code attributes} keys that {@code ingest} sets on every {@code Frame} and that the
 * enhancer carries through to the {@code EnhancedFrame}, so that {@code export} can rebuild the
 * footage. Other producers may set them too; all are optional.
 */
public final class FrameAttributes {
    /** Frames per second of the footage, a decimal number ({@code "10"}, {@code "29.97"}). */
    public static final String FRAME_RATE = "frame.rate";
    /** {@code "true"} on the last frame of a finished ingest. */
    public static final String STREAM_END = "stream.end";
    /** Where the frame came from: a file, folder, URL or {@code stdin}. */
    public static final String SOURCE = "source";
    /** The frame's name in its source (a file name, or {@code frame N}). */
    public static final String NAME = "name";

    private FrameAttributes() {
    }

    /** The frame rate in {@code attributes}, or 0 when absent or not a positive number. */
    public static double frameRate(java.util.Map<String, String> attributes) {
        final String value = attributes.get(FRAME_RATE);
        if (value == null) {
            return 0;
        }
        try {
            final double fps = Double.parseDouble(value);
            return fps > 0 && fps < 1000 ? fps : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
