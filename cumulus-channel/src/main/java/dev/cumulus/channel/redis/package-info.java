/** The Redis channel: Lettuce client, password, ACL user and TLS, bells that wake waiting workers. */
package dev.cumulus.channel.redis;
