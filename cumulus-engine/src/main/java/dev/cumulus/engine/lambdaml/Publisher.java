package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.RunKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Rank 0's last act in every LambdaML algorithm: the final model and the loss curve, for {@link LambdaMl#collect}. */
final class Publisher {
    private Publisher() {
    }

    static void publish(Channel channel, RunKeys keys, Timeline timeline, float[] parameters, List<EpochRecord> curve) {
        try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
            byte[] bytes = FloatCodec.encode(parameters);
            channel.put(keys.model(), bytes);
            channel.put(keys.curve(), EpochRecord.toCsv(curve).getBytes(StandardCharsets.UTF_8));
            span.addBytes(bytes.length);
        }
    }
}
