package dev.framelift.model.artifact;

/**
 * Bounds on unpacking an untrusted zip.
 *
 * @param maxBytes   most bytes all entries may unpack to together
 * @param maxEntries most entries
 * @param maxRatio   most unpacked bytes per zipped byte, for any entry and for the whole zip
 */
public record UnzipLimits(long maxBytes, int maxEntries, int maxRatio) {
    public UnzipLimits {
        if (maxBytes < 1 || maxEntries < 1 || maxRatio < 1) {
            throw new IllegalArgumentException("unzip limits must be positive: " + maxBytes + " bytes, " + maxEntries
                    + " entries, ratio " + maxRatio);
        }
    }

    /** 512 MiB, 1000 entries, ratio 100 (a SavedModel's weights compress by 1.1-2x, its graph by up to 10x). */
    public static UnzipLimits defaults() {
        return new UnzipLimits(512L << 20, 1000, 100);
    }
}
