/**
 * Event sources: keys and keyrings first (mounts and superblocks follow). Each source posts the
 * records of spec section 4 on the objects it owns.
 */
package io.watchsim.sources;
