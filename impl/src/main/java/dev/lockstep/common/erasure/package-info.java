/**
 * Erasure coding for the protocols that store one shard of each value per replica (RSPaxos,
 * CRaft): {@link dev.lockstep.common.erasure.ReedSolomon}, a systematic Reed-Solomon code over
 * GF(2^8), and {@link dev.lockstep.common.erasure.ValueShards}, which turns a value's bytes into
 * one {@link dev.lockstep.common.erasure.Shard} per member and back. Pure like the cores that use it: no I/O, no randomness, no mutable global state.
 */
package dev.lockstep.common.erasure;
