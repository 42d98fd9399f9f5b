package io.playerlens.offers;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.Placement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns a player to a placement's variant deterministically: the first 8 bytes of SHA-256(salt:game/player) pick a
 * point in the total weight, so a player keeps their variant, traffic splits by weight across players, and the same
 * player id in two games is assigned independently.
 */
public final class VariantAssigner {
    private VariantAssigner() {
    }

    /** The player's variant; empty when the placement has none with a weight (no model serves it yet). */
    public static java.util.Optional<Placement.Variant> assign(Placement placement, PlayerKey player) {
        long total = placement.variants().stream().mapToLong(Placement.Variant::weight).sum();
        if (total <= 0) {
            return java.util.Optional.empty();
        }
        long point = Long.remainderUnsigned(hash(placement.salt() + ":" + player.value()), total);
        long cumulative = 0;
        for (Placement.Variant variant : placement.variants()) {
            cumulative += variant.weight();
            if (point < cumulative) {
                return java.util.Optional.of(variant);
            }
        }
        throw new IllegalStateException("weights of placement " + placement.name() + " add up to " + total);
    }

    private static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
