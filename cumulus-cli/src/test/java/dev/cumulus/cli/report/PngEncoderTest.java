package dev.cumulus.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PNG encoder's files, read back by ImageIO's own decoder, pixel for pixel. */
class PngEncoderTest {

    @ParameterizedTest(name = "{0} x {1}, opaque {2}, type {3}")
    @CsvSource({"800, 500, true, 2", "13, 7, false, 2", "1, 1, true, 1", "31, 17, false, 6", "64, 3, true, 5"})
    void imageIoReadsBackEveryPixel(int width, int height, boolean opaque, int type) throws Exception {
        // TYPE_INT_ARGB (2) is the charts' own; the others go through getRGB
        BufferedImage image = new BufferedImage(width, height, type);
        SplittableRandom random = new SplittableRandom(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int alpha = opaque || !image.getColorModel().hasAlpha() ? 0xFF : random.nextInt(256);
                image.setRGB(x, y, alpha << 24 | random.nextInt(1 << 24));
            }
        }

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));

        assertThat(read).as("a PNG ImageIO can read").isNotNull();
        assertThat(read.getWidth()).isEqualTo(width);
        assertThat(read.getHeight()).isEqualTo(height);
        assertThat(read.getColorModel().hasAlpha()).as("an alpha channel only where a pixel needs it")
                .isEqualTo(!opaque && image.getColorModel().hasAlpha());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertThat(Integer.toHexString(read.getRGB(x, y))).as("pixel (%d, %d)", x, y)
                        .isEqualTo(Integer.toHexString(image.getRGB(x, y)));
            }
        }
    }
}
