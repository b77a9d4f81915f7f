package dev.cumulus.channel.memcached;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/** Passes bytes through unchanged: spymemcached's default would serialise and gzip them. */
final class RawBytes implements Transcoder<byte[]> {
    private final int maxBytes;

    RawBytes(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean asyncDecode(CachedData data) {
        return false;
    }

    @Override
    public CachedData encode(byte[] value) {
        return new CachedData(0, value, maxBytes);
    }

    @Override
    public byte[] decode(CachedData data) {
        return data.getData();
    }

    @Override
    public int getMaxSize() {
        return maxBytes;
    }
}
