package dev.cumulus.engine.p2p;

import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.attack.Attack;
import dev.cumulus.attack.AttackSpec;
import dev.cumulus.attack.Attacks;
import dev.cumulus.attack.LabelFlip;
import dev.cumulus.data.Dataset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * What a Byzantine peer does instead of publishing its honest gradient ({@code p2p.attack}): one of
 * the model attacks of {@link Attacks}, forged from the round's honest gradients (the omniscient
 * threat model: it reads them from the honest peers' stores); {@code label-flip}, training honestly
 * on its shard with every label y replaced by C - 1 - y; or {@code wrong-length}, a malformed vector
 * of half the model's length, which honest peers must drop without failing.
 *
 * <p>Messages are a peer's published gradient: the mean gradient (p values), the mean loss and 1.
 * A forged message carries the honest peers' mean loss, so that it does not stand out by its loss.
 * The adaptive attacks ({@code optimal-alie}, {@code optimal-ipm}) tune themselves against the
 * job's own aggregation. Randomised attacks draw from a generator seeded by (seed, round), so every
 * Byzantine peer forges the same vectors and a run is reproducible.
 */
public final class GradientAttack {
    public static final String LABEL_FLIP = "label-flip";
    public static final String WRONG_LENGTH = "wrong-length";
    /** Every attack name {@code p2p.attack} accepts, sorted. */
    public static final Set<String> NAMES;

    static {
        TreeSet<String> names = new TreeSet<>(Attacks.NAMES);
        names.add(LABEL_FLIP);
        names.add(WRONG_LENGTH);
        NAMES = Collections.unmodifiableSortedSet(names);
    }

    private final String text;
    private final String name;
    private final Attack attack;
    private final long seed;

    private GradientAttack(String text, String name, Attack attack, long seed) {
        this.text = text;
        this.name = name;
        this.attack = attack;
        this.seed = seed;
    }

    /**
     * The attack {@code text} names ({@code name} or {@code name:key=value,...}), facing {@code defence}.
     *
     * @throws IllegalArgumentException naming the attack or parameter that is not known
     */
    public static GradientAttack parse(String text, AggregatorSpec defence, long seed) {
        SpecText spec = SpecText.parse(text);
        String name = spec.name().toLowerCase(java.util.Locale.ROOT);
        if (name.equals(LABEL_FLIP) || name.equals(WRONG_LENGTH)) {
            if (!spec.parameters().isEmpty()) {
                throw new IllegalArgumentException("attack " + name + " takes no parameters, got " + spec.parameters().keySet());
            }
            return new GradientAttack(text.trim(), name, null, seed);
        }
        if (!Attacks.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown attack '" + spec.name() + "': expected one of " + String.join(", ", NAMES));
        }
        return new GradientAttack(text.trim(), name, Attacks.create(new AttackSpec(name, spec.parameters()), defence), seed);
    }

    public String name() {
        return name;
    }

    /** Whether the peer trains on flipped labels and publishes honestly computed gradients. */
    public boolean flipsLabels() {
        return name.equals(LABEL_FLIP);
    }

    /** Whether the peer publishes forged vectors instead of gradients of its data. */
    public boolean forges() {
        return !flipsLabels();
    }

    /** The data a Byzantine peer trains on: its shard, with flipped labels under {@code label-flip}. */
    public Dataset data(Dataset shard) {
        return flipsLabels() ? LabelFlip.flip(shard) : shard;
    }

    /**
     * The {@code count} messages the Byzantine peers publish in {@code round}.
     *
     * @param honest the round's honest messages in rank order (p + 2 values each), at least one
     * @param parameters p, the model's parameter count
     */
    public float[][] forge(List<float[]> honest, int count, long round, int parameters) {
        if (!forges()) {
            throw new IllegalStateException("attack " + name + " trains on flipped labels; it forges nothing");
        }
        if (name.equals(WRONG_LENGTH)) {
            float[][] out = new float[count][];
            for (int i = 0; i < count; i++) {
                out[i] = new float[parameters / 2 + 1];
            }
            return out;
        }
        float[][] gradients = new float[honest.size()][];
        double loss = 0;
        for (int i = 0; i < gradients.length; i++) {
            float[] message = honest.get(i);
            gradients[i] = Arrays.copyOf(message, parameters);
            loss += message[parameters];
        }
        loss /= gradients.length;
        float[][] forged = attack.forge(gradients, count, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + round));
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = Arrays.copyOf(forged[i], parameters + 2);
            out[i][parameters] = (float) loss;
            out[i][parameters + 1] = 1;
        }
        return out;
    }

    /** The attack's parameters as the job gave them, for reports. */
    public Map<String, Double> parameters() {
        return SpecText.parse(text).parameters();
    }

    @Override
    public String toString() {
        return text;
    }
}
