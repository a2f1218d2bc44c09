package dev.framelift.enhancer.image;

/** Image containers told apart by their first bytes. */
public enum ContainerFormat {
    PNG,
    JPEG,
    /** A format we recognise but do not decode: GIF, BMP, TIFF, WebP. */
    OTHER_IMAGE,
    UNKNOWN;

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public static ContainerFormat sniff(byte[] b) {
        if (startsWith(b, PNG_SIGNATURE)) {
            return PNG;
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (startsWith(b, "GIF87a".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || startsWith(b, "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || startsWith(b, new byte[] {'B', 'M'})
                || startsWith(b, new byte[] {'I', 'I', 42, 0})
                || startsWith(b, new byte[] {'M', 'M', 0, 42})
                || (startsWith(b, new byte[] {'R', 'I', 'F', 'F'}) && b.length >= 12
                        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P')) {
            return OTHER_IMAGE;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
