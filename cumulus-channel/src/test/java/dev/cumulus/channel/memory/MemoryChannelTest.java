package dev.cumulus.channel.memory;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;

class MemoryChannelTest extends ChannelContractTest {
    @Override
    protected Channel openChannel() {
        return new MemoryChannel();
    }
}
