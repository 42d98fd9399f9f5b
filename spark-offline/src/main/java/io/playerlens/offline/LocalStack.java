package io.playerlens.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What a running {@code ./playerlens up} published about itself ({@code target/playerlens-local/endpoints.json}). */
final class LocalStack {
    static final Path ENDPOINTS = Path.of(io.playerlens.contracts.config.Names.LOCAL_WORK_DIR, io.playerlens.contracts.config.Names.LOCAL_ENDPOINTS_FILE);

    private LocalStack() {
    }

    static Optional<String> dynamoDbEndpoint() throws IOException {
        if (!Files.exists(ENDPOINTS)) {
            return Optional.empty();
        }
        JsonNode endpoints = new ObjectMapper().readTree(ENDPOINTS.toFile());
        return Optional.ofNullable(endpoints.path("dynamodb").asText(null));
    }
}
