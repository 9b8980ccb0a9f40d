/**
 * Event sources: keys and keyrings first (mounts and superblocks follow). Each source posts the
 * records of docs/KERNEL-BEHAVIOUR.md, "Event sources", on the objects it owns.
 */
package io.watchsim.sources;
