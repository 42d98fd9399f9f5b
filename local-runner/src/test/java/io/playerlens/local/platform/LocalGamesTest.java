package io.playerlens.local.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playerlens.lambda.ApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalGamesTest {

    @Test
    void aKeysFile_listsGamesWithTheirKeysAndOptionalLimits() {
        LocalGames games = LocalGames.parse(List.of("# game  key  events/s", "", "space-race  sr-key-1  2000", "puzzle  pz-key-1 # no limit"));
        assertThat(games.first().gameId()).isEqualTo("space-race");
        assertThat(games.all()).extracting(LocalGames.Game::gameId).containsExactly("space-race", "puzzle");
        assertThat(games.limits()).isEqualTo("space-race:2000.0");
        ApiKeys keys = ApiKeys.parse(games.hashes());
        assertThat(keys.gameFor("sr-key-1")).hasValue("space-race");
        assertThat(keys.gameFor("pz-key-1")).hasValue("puzzle");
        assertThat(keys.gameFor("other")).isEmpty();
    }

    @Test
    void aKeyBelongsToOneGame_andEveryLineIsChecked() {
        assertThatThrownBy(() -> LocalGames.parse(List.of("a shared-key", "b shared-key"))).hasMessageContaining("share a key");
        assertThatThrownBy(() -> LocalGames.parse(List.of("a key-one", "a key-two"))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> LocalGames.parse(List.of("a/b key-one"))).hasMessageContaining("line 1").hasMessageContaining("game_id must be");
        assertThatThrownBy(() -> LocalGames.parse(List.of("a key-one 0"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> LocalGames.parse(List.of("a"))).hasMessageContaining("<game_id> <api_key>");
        assertThatThrownBy(() -> LocalGames.parse(List.of("# only comments"))).hasMessageContaining("no games");
    }

    @Test
    void withoutAFile_oneGameIsServed_localGameWithTheGivenKey() {
        LocalGames games = LocalGames.single("dev-key");
        assertThat(games.first().gameId()).isEqualTo(LocalPlatform.LOCAL_GAME_ID);
        assertThat(games.first().apiKey()).isEqualTo("dev-key");
        assertThat(games.limits()).isEmpty();
    }
}
