package io.playerlens.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.playerlens.contracts.api.ApiRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalGatewayTest {
    private static final List<ApiRoute> ROUTES = List.of(
            new ApiRoute("POST", "/v1/events", ApiRoute.Backend.EVENT_INGEST),
            new ApiRoute("GET", "/v1/offers/{playerId}", ApiRoute.Backend.OFFERS_API));

    private static APIGatewayV2HTTPResponse ok(String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(body).build();
    }

    @Test
    void aFunctionWithEveryThreadBusyDoesNotHoldUpAnotherFunctionsRequests() throws Exception {
        CountDownLatch ingestMayAnswer = new CountDownLatch(1);
        CountDownLatch ingestBusy = new CountDownLatch(64);
        Map<ApiRoute.Backend, LocalGateway.Function> functions = Map.of(
                ApiRoute.Backend.EVENT_INGEST, new LocalGateway.Function("ingest", (event, context) -> {
                    ingestBusy.countDown();
                    try {
                        ingestMayAnswer.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ok("{\"accepted\":1}");
                }),
                ApiRoute.Backend.OFFERS_API, new LocalGateway.Function("offers", (event, context) -> ok("{\"offers\":[]}")));
        HttpClient client = HttpClient.newHttpClient();
        try (LocalGateway gateway = LocalGateway.start(0, ROUTES, functions, Map.of())) {
            URI base = gateway.baseUrl();
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                posts.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/events")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // Every ingest thread is taken: 64 invocations wait in the handler, the other 36 requests queue for a thread.
            assertThat(ingestBusy.await(60, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> offers = client.send(HttpRequest.newBuilder(base.resolve("/v1/offers/p1")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(offers.statusCode()).isEqualTo(200);
            assertThat(offers.body()).isEqualTo("{\"offers\":[]}");
            assertThat(posts).noneMatch(CompletableFuture::isDone);
            ingestMayAnswer.countDown();
            for (CompletableFuture<HttpResponse<String>> post : posts) {
                assertThat(post.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void anUnknownRouteIsANotFoundWithoutInvokingAnything() throws Exception {
        Map<ApiRoute.Backend, LocalGateway.Function> functions = Map.of(
                ApiRoute.Backend.EVENT_INGEST, new LocalGateway.Function("ingest", (event, context) -> {
                    throw new AssertionError("not this route");
                }),
                ApiRoute.Backend.OFFERS_API, new LocalGateway.Function("offers", (event, context) -> {
                    throw new AssertionError("not this route");
                }));
        try (LocalGateway gateway = LocalGateway.start(0, ROUTES, functions, Map.of())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.baseUrl().resolve("/v1/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
        }
    }
}
