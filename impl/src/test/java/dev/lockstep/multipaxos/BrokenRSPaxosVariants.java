package dev.lockstep.multipaxos;

import dev.lockstep.core.Protocol;
import java.util.List;

/**
 * Deliberately broken RSPaxos cores, each the real core ({@link PaxosConcerns#RSPAXOS}) with one
 * rule changed, the three bugs of RSPaxos.tla's buggy variants, for proving that the simulator
 * and trace validation catch them. Each comes as a {@link Protocol} descriptor like
 * {@link RSPaxosProtocol#descriptor()}.
 */
public final class BrokenRSPaxosVariants {
    private BrokenRSPaxosVariants() {}

    /**
     * Commits with a plain majority of shard acceptances (buggy/MCRSPaxosMajorityCommit): a read
     * quorum may then hold fewer than d shards of a committed value.
     */
    public static Protocol majorityCommit() {
        return descriptor("rspaxos-majority-commit", new PaxosConcerns() {
            @Override
            public Quorums quorums(int members) {
                Quorums q = Quorums.rsPaxos(members);
                return new Quorums(members / 2 + 1, q.read(), q.dataShards());
            }

            @Override
            public Coding coding(int members, Quorums quorums, int selfPos) {
                return new ShardCoding(members, quorums.dataShards(), selfPos);
            }
        });
    }

    /**
     * A new leader that treats every slot it did not itself know the value of as free, even when
     * its promises hold enough shards (buggy/MCRSPaxosFreeSlotWithShards).
     */
    public static Protocol freeSlotWithShards() {
        return descriptor("rspaxos-free-slot-with-shards", coded(new CodingFactory() {
            @Override
            public ShardCoding make(int members, int d, int self) {
                return new ShardCoding(members, d, self) {
                    @Override
                    protected boolean counts(PaxosEntry reported, PaxosEntry highest) {
                        return false;
                    }
                };
            }
        }));
    }

    /**
     * A new leader that counts only the shards of the highest ballot itself
     * (buggy/MCRSPaxosSameBallotShards): a chosen value re-proposed by an earlier recovery that
     * reached few acceptors looks unrecoverable.
     */
    public static Protocol sameBallotShards() {
        return descriptor("rspaxos-same-ballot-shards", coded(new CodingFactory() {
            @Override
            public ShardCoding make(int members, int d, int self) {
                return new ShardCoding(members, d, self) {
                    @Override
                    protected boolean counts(PaxosEntry reported, PaxosEntry highest) {
                        return super.counts(reported, highest) && reported.bal() == highest.bal();
                    }
                };
            }
        }));
    }

    public static List<Protocol> all() {
        return List.of(majorityCommit(), freeSlotWithShards(), sameBallotShards());
    }

    private interface CodingFactory {
        ShardCoding make(int members, int dataShards, int selfPos);
    }

    private static PaxosConcerns coded(CodingFactory factory) {
        return new PaxosConcerns() {
            @Override
            public Quorums quorums(int members) {
                return Quorums.rsPaxos(members);
            }

            @Override
            public Coding coding(int members, Quorums quorums, int selfPos) {
                return factory.make(members, quorums.dataShards(), selfPos);
            }
        };
    }

    private static Protocol descriptor(String name, PaxosConcerns concerns) {
        return RSPaxosProtocol.descriptor().named(name)
                .withFactory((config, seed) -> new MultiPaxosReplica(config, seed, concerns));
    }
}
