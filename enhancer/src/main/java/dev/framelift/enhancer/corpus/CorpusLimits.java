package dev.framelift.enhancer.corpus;

import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * The enhancer limits a corpus is built against, so that "just over the limit" cases are just
 * over the limits of the enhancer they are sent to.
 *
 * @param frameMaxBytes {@code frame.max.bytes}
 * @param messageMaxBytes {@code message.max.bytes}
 * @param imageMaxSide {@code image.max.side}
 * @param imageMaxPixels {@code image.max.pixels}
 * @param outputMaxPixels {@code output.max.pixels}
 * @param largeSide the side of the large legitimate images (16-bit, alpha, interlaced...): big
 *     enough to matter, small enough to enhance within the frame deadline
 */
public record CorpusLimits(int frameMaxBytes, int messageMaxBytes, int imageMaxSide, long imageMaxPixels,
        long outputMaxPixels, int largeSide) {

    public static CorpusLimits of(EnhancerConfig config, int largeSide) {
        return new CorpusLimits(config.getInt(EnhancerConfig.FRAME_MAX_BYTES), config.messageMaxBytes(),
                config.getInt(EnhancerConfig.IMAGE_MAX_SIDE), config.getLong(EnhancerConfig.IMAGE_MAX_PIXELS),
                config.getLong(EnhancerConfig.OUTPUT_MAX_PIXELS), largeSide);
    }
}
