/**
 * Event sources: keys and keyrings first (mounts and superblocks follow). Each source posts, on
 * the objects it owns, the records its Linux counterpart posts (for keys, {@code notify_key()}
 * in security/keys; see docs/KERNEL-BEHAVIOUR.md).
 */
package io.watchsim.sources;
