package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GameLimitsTest {
    private final AtomicLong now = new AtomicLong();

    private GameLimits limits(String spec) {
        return new GameLimits(GameLimits.parse(spec), now::get);
    }

    @Test
    void aGameOverItsLimit_waits_whileAnotherGameIsNotTouched() {
        GameLimits limits = limits("flood:100,quiet:100");
        assertThat(limits.admit("flood", 60)).isEmpty();
        assertThat(limits.admit("flood", 40)).isEmpty();
        assertThat(limits.admit("flood", 50)).as("a second's worth spent: wait for 50 more tokens at 100/s").hasValue(500);
        assertThat(limits.admit("quiet", 100)).as("the other game's bucket is its own").isEmpty();

        now.addAndGet(500_000_000L);
        assertThat(limits.admit("flood", 50)).as("refilled at the game's rate").isEmpty();
    }

    @Test
    void theDefaultLimitAppliesToEveryGameNotListed_eachWithItsOwnBucket() {
        GameLimits limits = limits("*:10,big:1000");
        assertThat(limits.admit("a", 10)).isEmpty();
        assertThat(limits.admit("a", 1)).isPresent();
        assertThat(limits.admit("b", 10)).isEmpty();
        assertThat(limits.admit("big", 900)).isEmpty();
    }

    @Test
    void aBatchLargerThanOneSecondOfTheRate_passesWhenTheBucketIsFull_andLeavesItInDebt() {
        GameLimits limits = limits("slow:5");
        assertThat(limits.admit("slow", 100)).isEmpty();
        assertThat(limits.admit("slow", 100)).as("95 events of debt, then a full bucket of 5, at 5/s").hasValue(20_000);
        now.addAndGet(19_000_000_000L);
        assertThat(limits.admit("slow", 1)).isPresent();
        now.addAndGet(1_000_000_000L);
        assertThat(limits.admit("slow", 100)).isEmpty();
    }

    @Test
    void noLimits_admitEverything() {
        GameLimits limits = limits("");
        assertThat(limits.isEmpty()).isTrue();
        assertThat(limits.admit("any", 1_000_000)).isEmpty();
    }

    @Test
    void aBadSpec_isRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> GameLimits.parse("g")).hasMessageContaining("game_id:events_per_second");
        assertThatThrownBy(() -> GameLimits.parse("g:0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> GameLimits.parse("g:NaN")).hasMessageContaining("positive");
        assertThatThrownBy(() -> GameLimits.parse("a/b:5")).hasMessageContaining("game_id must be");
        assertThatThrownBy(() -> GameLimits.parse("g:5,g:6")).hasMessageContaining("two limits");
        assertThat(GameLimits.parse(" a:5 , *:2.5")).isEqualTo(Map.of("a", 5.0, "*", 2.5));
    }
}
