package dev.framelift.enhancer.pipeline;

import dev.framelift.model.Image;
import dev.framelift.model.metrics.ImageMetrics;

/**
 * How strongly colorized frames are coloured: the model's chroma scaled about each pixel's
 * BT.601 luma, {@code y + s (c - y)}, rounded and clipped. 1 is the model as it was calibrated
 * (its card's chroma gain), below 1 leans towards gray, 0 is the gray input itself.
 *
 * <p>Why a setting: a colorizer is sure of skies and skin and unsure of a coat or a cup, and a
 * wrong guess shows more the stronger it is. An archive that would rather see muted colour than
 * a loud mistake turns this down. It is the scale {@code framelift evaluate --chroma-scale}
 * measures, so the frontier that command prints tells what each value costs and gives on
 * photos whose colours are known.
 */
public record ColourStrength(double scale) {
    /** The model's colour as calibrated. */
    public static final ColourStrength AS_CALIBRATED = new ColourStrength(1);
    /** The largest scale accepted: past it, most pixels clip and the calibration means nothing. */
    public static final double MAX = 2;

    public ColourStrength {
        if (!(scale >= 0 && scale <= MAX)) {
            throw new IllegalArgumentException("colour strength must lie in [0, " + MAX + "], not " + scale);
        }
    }

    /** {@code rgb} with its chroma scaled; the image itself at strength 1, or if it is not RGB. */
    public Image apply(Image rgb) {
        if (scale == 1 || rgb.channels() != 3) {
            return rgb;
        }
        return new Image(rgb.width(), rgb.height(), 3, ImageMetrics.scaleChroma(rgb.pixels(), scale));
    }
}
