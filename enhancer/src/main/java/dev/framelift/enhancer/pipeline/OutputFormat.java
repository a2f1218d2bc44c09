package dev.framelift.enhancer.pipeline;

import dev.framelift.enhancer.image.DecodedImage;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.Resize;
import dev.framelift.model.Image;

/**
 * Gives an enhanced frame the form of its input back: a gray frame enhanced by a model that
 * takes colour (super-resolution) comes out gray (the model's colour output converted to BT.601
 * luma: the model saw three equal channels, so any tint is its noise, not information), and a
 * frame with an alpha channel gets its alpha plane back, resized with bicubic to the output size
 * (the model enhances colour only). A colorizer's output stays colour, as asked.
 */
final class OutputFormat {
    private OutputFormat() {
    }

    /**
     * @param input the decoded input frame
     * @param output the model's (RGB) output
     * @param modelChannels the channels the model takes: 1 for a colorizer, 3 otherwise
     */
    static DecodedImage like(DecodedImage input, Image output, int modelChannels) {
        final Image colour = input.colour().channels() == 1 && modelChannels == 3 ? ImageCodec.toChannels(output, 1) : output;
        final Image alpha = input.hasAlpha() ? Resize.bicubic(input.alpha(), colour.width(), colour.height()) : null;
        return new DecodedImage(colour, alpha);
    }
}
