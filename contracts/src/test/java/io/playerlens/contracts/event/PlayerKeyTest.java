package io.playerlens.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PlayerKeyTest {

    @Provide
    Arbitrary<String> gameIds() {
        return Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(64);
    }

    @Provide
    Arbitrary<String> playerIds() {
        return Arbitraries.strings().withChars("abcXYZ019._:-/#").ofMinLength(1).ofMaxLength(64)
                .filter(EventValidator::isValidPlayerId);
    }

    @Property
    void theTextFormReadsBackAsTheSamePair(@ForAll("gameIds") String game, @ForAll("playerIds") String player) {
        PlayerKey key = PlayerKey.of(game, player);
        assertThat(PlayerKey.parse(key.value())).isEqualTo(key);
        assertThat(key.value().length()).isLessThanOrEqualTo(256); // a Kinesis partition key
    }

    @Property
    void twoDifferentPairsNeverShareAKey(@ForAll("gameIds") String gameA, @ForAll("playerIds") String playerA,
                                         @ForAll("gameIds") String gameB, @ForAll("playerIds") String playerB) {
        boolean samePair = gameA.equals(gameB) && playerA.equals(playerB);
        assertThat(PlayerKey.of(gameA, playerA).value().equals(PlayerKey.of(gameB, playerB).value())).isEqualTo(samePair);
    }

    @Example
    void theSamePlayerIdInTwoGamesIsTwoPlayers() {
        assertThat(PlayerKey.of("game-a", "1234")).isNotEqualTo(PlayerKey.of("game-b", "1234"));
        assertThat(PlayerKey.of("game-a", "1234").value()).isEqualTo("game-a/1234");
    }

    @Example
    void invalidIdsAreRefusedWithTheRule() {
        assertThatThrownBy(() -> PlayerKey.of("a/b", "p-1")).hasMessageContaining("game_id must be");
        assertThatThrownBy(() -> PlayerKey.of(null, "p-1")).hasMessageContaining("game_id must be");
        assertThatThrownBy(() -> PlayerKey.of("game", "a/b")).hasMessageContaining("player_id must be");
        assertThatThrownBy(() -> PlayerKey.parse("no-separator")).hasMessageContaining("<game_id>/<player_id>");
        assertThat(PlayerKey.orNull("game", "")).isNull();
    }
}
