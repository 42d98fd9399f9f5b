package io.playerlens.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each way a model can fail becomes an answer with its reason, never an exception. */
class ModelServiceTest {
    private static final Offer A = new Offer("a", "sku-a", 99);
    private static final Offer B = new Offer("b", "sku-b", 499);
    private static final PlayerKey KNOWN = PlayerKey.of("game-1", "known");
    private static final ProfileSource ONE_PLAYER = id -> id.equals(KNOWN) ? Optional.of(Map.of("events_total", 5L)) : Optional.empty();

    private static ModelDescriptor descriptor() {
        return new ModelDescriptor("m", "2", List.of("store"), ModelDescriptor.Kind.JAVA, null, java.util.Map.of(), "x",
                List.of(ModelDescriptor.FeatureInput.profile("events_total", 0, 1)), List.of(A, B), null, 1,
                Duration.ofMillis(50), List.of("a"), null);
    }

    private static ModelService service(OfferModel model) {
        return new ModelService(new LoadedModel(descriptor(), model, 0), ONE_PLAYER);
    }

    @Test
    void answer_isTheTopKByScore() {
        ModelAnswer answer = service(in -> List.of(new ScoredOffer(A, 0.2), new ScoredOffer(B, 0.9))).answer(KNOWN, "store");
        assertThat(answer.succeeded()).isTrue();
        assertThat(answer.offers()).extracting(o -> o.offer().offerId()).containsExactly("b");
        assertThat(answer.modelVersion()).isEqualTo("2");
    }

    @Test
    void unknownPlayer_isProfileNotFound() {
        assertThat(service(in -> List.of()).answer(PlayerKey.of("game-1", "stranger"), "store").failure()).isEqualTo(FallbackReason.PROFILE_NOT_FOUND);
    }

    @Test
    void throwingModel_isModelError() {
        assertThat(service(in -> {
            throw new IllegalStateException("boom");
        }).answer(KNOWN, "store").failure()).isEqualTo(FallbackReason.MODEL_ERROR);
    }

    @Test
    void slowModel_isModelTimeout_atItsBudget() {
        long started = System.nanoTime();
        ModelAnswer answer = service(in -> {
            Thread.sleep(5_000);
            return List.of();
        }).answer(KNOWN, "store");
        assertThat(answer.failure()).isEqualTo(FallbackReason.MODEL_TIMEOUT);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void otherPlacement_isPlacementNotServed() {
        assertThat(service(in -> List.of()).answer(KNOWN, "home").failure()).isEqualTo(FallbackReason.PLACEMENT_NOT_SERVED);
    }

    @Test
    void failingProfileStore_isModelError() {
        ModelService service = new ModelService(new LoadedModel(descriptor(), in -> List.of(), 0), id -> {
            throw new IllegalStateException("dynamodb down");
        });
        assertThat(service.answer(KNOWN, "store").failure()).isEqualTo(FallbackReason.MODEL_ERROR);
    }
}
