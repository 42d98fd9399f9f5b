package io.playerlens.local.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.config.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a running {@code ./playerlens up} publishes about itself in {@code <work dir>/endpoints.json}, so the tools
 * ({@code model try}, {@code model check --live}, the offline jobs' defaults) find it: the emulators' endpoints, the
 * profile table, the archive, the gateway and the local games' keys. Written when the stack is up, removed on close.
 *
 * @param apiKeys game id → its local API key (local keys only)
 */
public record LocalEndpoints(URI dynamoDb, URI kinesis, String profilesTable, Path archive, URI gateway, Map<String, String> apiKeys) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static Path file(Path workDir) {
        return workDir.resolve(Names.LOCAL_ENDPOINTS_FILE);
    }

    /** The stack running with this work directory, if one is. */
    public static Optional<LocalEndpoints> find(Path workDir) {
        Path file = file(workDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = MAPPER.readTree(file.toFile());
            Map<String, String> keys = new LinkedHashMap<>();
            json.path("api_keys").fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new LocalEndpoints(URI.create(json.path("dynamodb").asText()), URI.create(json.path("kinesis").asText()),
                    json.path("profiles_table").asText(), Path.of(json.path("archive").asText()), URI.create(json.path("gateway").asText()),
                    Map.copyOf(keys)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    void write(Path workDir) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("dynamodb", dynamoDb.toString());
        json.put("kinesis", kinesis.toString());
        json.put("profiles_table", profilesTable);
        json.put("archive", archive.toAbsolutePath().toString());
        json.put("gateway", gateway.toString());
        ObjectNode keys = json.putObject("api_keys");
        apiKeys.forEach(keys::put);
        try {
            Files.createDirectories(workDir);
            Files.writeString(file(workDir), json.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(workDir), e);
        }
    }
}
