package dev.framelift.enhancer.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When each fault of a {@link ChaosPlan} strikes: the faults in a seeded random order, each at a
 * point of the camera's progress (a number of frames sent), spread evenly between 5% and 90% of
 * the frames with some jitter, plus a random delay of up to two seconds once that point is
 * reached. A second instance joins before the stop and leaves after it, so the stopped instance's
 * partitions move to it and the stopped one is fenced when it continues.
 */
final class FaultSchedule {
    /** The kinds of fault. */
    enum Kind { KILL, STOP, BROKER_RESTART, JOIN, LEAVE }

    /** One fault: what, once how many frames were sent, and how long to wait after that. */
    record Fault(Kind kind, long afterFrames, long delayMillis) {
    }

    private FaultSchedule() {
    }

    static List<Fault> of(ChaosPlan plan) {
        final Random random = new Random(plan.seed() * 31 + 7);
        final List<Kind> kinds = new ArrayList<>();
        kinds.addAll(Collections.nCopies(plan.kills(), Kind.KILL));
        kinds.addAll(Collections.nCopies(plan.stops(), Kind.STOP));
        kinds.addAll(Collections.nCopies(plan.brokerRestarts(), Kind.BROKER_RESTART));
        if (plan.rebalance()) {
            kinds.add(Kind.JOIN);
            kinds.add(Kind.LEAVE);
        }
        Collections.shuffle(kinds, random);
        orderJoinStopsLeave(kinds);
        final List<Fault> faults = new ArrayList<>();
        final int n = kinds.size();
        for (int i = 0; i < n; i++) {
            final double share = 0.05 + 0.85 * (i + 0.5 + (random.nextDouble() - 0.5) * 0.8) / n;
            faults.add(new Fault(kinds.get(i), Math.round(share * plan.frames()), random.nextInt(2_000)));
        }
        return faults;
    }

    /** Puts the join, the stops and the leave in that order into the places the shuffle gave them. */
    private static void orderJoinStopsLeave(List<Kind> kinds) {
        if (!kinds.contains(Kind.JOIN)) {
            return;
        }
        final List<Integer> places = new ArrayList<>();
        final List<Kind> ordered = new ArrayList<>(List.of(Kind.JOIN));
        for (int i = 0; i < kinds.size(); i++) {
            final Kind kind = kinds.get(i);
            if (kind == Kind.JOIN || kind == Kind.STOP || kind == Kind.LEAVE) {
                places.add(i);
                if (kind == Kind.STOP) {
                    ordered.add(Kind.STOP);
                }
            }
        }
        ordered.add(Kind.LEAVE);
        for (int i = 0; i < places.size(); i++) {
            kinds.set(places.get(i), ordered.get(i));
        }
    }
}
