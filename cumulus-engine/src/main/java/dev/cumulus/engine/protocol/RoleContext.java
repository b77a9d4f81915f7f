package dev.cumulus.engine.protocol;

import dev.cumulus.channel.Channel;
import dev.cumulus.engine.metrics.Timeline;

/**
 * A function's side of a run as its protocol sees it: its task, the channel it opened, the
 * timeline it records into, and when it must hand over to a successor.
 */
public record RoleContext(RoleTask task, Channel channel, Timeline timeline, HandoffPolicy handoff) {
}
