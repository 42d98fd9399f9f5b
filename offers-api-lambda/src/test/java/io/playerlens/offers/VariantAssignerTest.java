package io.playerlens.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.Placement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantAssignerTest {
    private static Placement placement(String salt, int weightA, int weightB) {
        return new Placement("store", salt, Duration.ofMillis(50), List.of(new Offer("d", "d", 1)),
                List.of(new Placement.Variant("A", "model-a", weightA), new Placement.Variant("B", "model-b", weightB)));
    }

    @Test
    void aPlayer_alwaysGetsTheSameVariant() {
        Placement p = placement("exp-1", 50, 50);
        for (int i = 0; i < 100; i++) {
            PlayerKey player = PlayerKey.of("game-1", "p-" + i);
            assertThat(VariantAssigner.assign(p, player)).isEqualTo(VariantAssigner.assign(p, player));
        }
    }

    @Test
    void trafficSplits_byWeight() {
        Placement p = placement("exp-1", 90, 10);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            counts.merge(VariantAssigner.assign(p, PlayerKey.of("game-1", "player-" + i)).orElseThrow().variant(), 1, Integer::sum);
        }
        assertThat(counts.get("A") / 20_000.0).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get("B") / 20_000.0).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aNewSalt_reshufflesPlayers() {
        int moved = 0;
        for (int i = 0; i < 1000; i++) {
            if (!VariantAssigner.assign(placement("exp-1", 50, 50), PlayerKey.of("game-1", "p-" + i)).equals(VariantAssigner.assign(placement("exp-2", 50, 50), PlayerKey.of("game-1", "p-" + i)))) {
                moved++;
            }
        }
        assertThat(moved).isBetween(400, 600);
    }

    @Test
    void theSamePlayerIdInTwoGames_isAssignedIndependently() {
        Placement p = placement("exp-1", 50, 50);
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            if (!VariantAssigner.assign(p, PlayerKey.of("game-a", "p-" + i)).equals(VariantAssigner.assign(p, PlayerKey.of("game-b", "p-" + i)))) {
                differ++;
            }
        }
        assertThat(differ).isBetween(400, 600);
    }

    @Test
    void aZeroWeightVariant_getsNobody() {
        Placement p = placement("exp-1", 100, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(VariantAssigner.assign(p, PlayerKey.of("game-1", "p-" + i)).orElseThrow().variant()).isEqualTo("A");
        }
    }
}
