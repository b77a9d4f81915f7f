package dev.cumulus.channel.meter;

/**
 * The requests a function made to its store, as a store that bills per request would count them:
 * one per key written, read, deleted or listed, with the billing units of the bytes moved
 * (DynamoDB bills a write per started KiB and a read per started 4 KiB).
 *
 * @param writeUnits started KiB written, summed over writes
 * @param readUnits started 4 KiB read, summed over reads
 */
public record RequestCounts(long writes, long reads, long deletes, long lists, long writeUnits, long readUnits) {
    public static final RequestCounts NONE = new RequestCounts(0, 0, 0, 0, 0, 0);

    public RequestCounts plus(RequestCounts o) {
        return new RequestCounts(writes + o.writes, reads + o.reads, deletes + o.deletes, lists + o.lists,
                writeUnits + o.writeUnits, readUnits + o.readUnits);
    }

    /** One CSV line: writes,reads,deletes,lists,writeUnits,readUnits. */
    public String csv() {
        return writes + "," + reads + "," + deletes + "," + lists + "," + writeUnits + "," + readUnits;
    }

    public static RequestCounts parse(String csv) {
        String[] f = csv.trim().split(",");
        if (f.length != 6) {
            throw new IllegalArgumentException("request counts need 6 fields: " + csv);
        }
        return new RequestCounts(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]));
    }
}
