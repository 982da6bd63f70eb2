/**
 * The plain values every layer shares, and their binary form: replica ids ({@link
 * dev.lockstep.base.NodeId}), byte strings ({@link dev.lockstep.base.Bytes}) and the varint
 * primitives of every codec ({@link dev.lockstep.base.Wire}). Depends on nothing else of
 * Lockstep, so the key-value layer and the protocol contract can both build on it without
 * depending on each other.
 */
package dev.lockstep.base;
