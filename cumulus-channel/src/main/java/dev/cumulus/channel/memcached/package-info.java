/** The Memcached channel: spymemcached client, values split below the item limit. */
package dev.cumulus.channel.memcached;
