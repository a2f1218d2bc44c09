package dev.framelift.enhancer.image;

/**
 * What a container header says about a frame, read before decoding.
 *
 * @param format the container the bytes really are
 * @param width pixel width
 * @param height pixel height
 * @param channels channels of the decoded {@link dev.framelift.model.Image}: 1 for gray (with or without alpha), 3
 *     for colour
 * @param orientation the EXIF orientation, 1 (as stored) to 8; see {@link Orientation}
 */
record HeaderInfo(ContainerFormat format, int width, int height, int channels, int orientation) {
    /** Width of the picture once turned upright. */
    int uprightWidth() {
        return Orientation.swapsSides(orientation) ? height : width;
    }

    /** Height of the picture once turned upright. */
    int uprightHeight() {
        return Orientation.swapsSides(orientation) ? width : height;
    }
}
