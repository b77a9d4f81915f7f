/** The Redis channel: Lettuce client, password, ACL user and TLS, pub/sub wake-ups for waiting workers. */
package dev.cumulus.channel.redis;
