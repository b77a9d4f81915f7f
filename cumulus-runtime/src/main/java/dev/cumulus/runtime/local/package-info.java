/**
 * Platforms on this machine: {@link dev.cumulus.runtime.local.ThreadPlatform} and the machinery it shares
 * with the process platform ({@link dev.cumulus.runtime.local.LocalPlatform}: FIFO queue in front of a
 * concurrency limit, a {@link dev.cumulus.runtime.local.WarmPool} of containers with a cold-start delay,
 * time limits, billing).
 */
package dev.cumulus.runtime.local;
