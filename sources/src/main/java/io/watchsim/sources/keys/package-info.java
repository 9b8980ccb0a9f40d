/**
 * Keys and keyrings, the event source Linux ships (mounts and superblocks come as packages
 * beside it; each source posts, on the objects it owns, the records its Linux counterpart posts:
 * for keys, {@code notify_key()} in security/keys, see docs/KERNEL-BEHAVIOUR.md): {@link io.watchsim.sources.keys.KeyTable}
 * models security/keys (permissions, possession, links, notifications, garbage collection as a
 * deferred work item on simulated time); {@link io.watchsim.sources.keys.KeyService} carries its
 * effects out on the kernel's actors; {@link io.watchsim.sources.keys.Keys} is the Java API.
 * KeyTable is a facade over package-private parts: KeyRegistry (shared state), KeyLookup,
 * KeyLifecycle, KeyLinks, KeyringLinks, KeyAttributes, KeyRequests, KeyCollector with its
 * KeyGcWork, KeyArgs, and KeySerialAllocator (serials as key_alloc_serial() draws them).
 *
 * <pre>
 *  Keys --Call--&gt; PolicyEngine --&gt; KeyService (KeyTable) --&gt; key actors --&gt; Watch --&gt; NotificationQueue
 * </pre>
 */
package io.watchsim.sources.keys;
