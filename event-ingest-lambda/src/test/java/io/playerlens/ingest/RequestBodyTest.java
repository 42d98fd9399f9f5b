package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static final int LIMIT = 1024 * 1024;
    private static final Map<String, String> JSON = Map.of("content-type", "application/json; charset=utf-8");
    private static final Map<String, String> GZIP_JSON = Map.of("content-type", "application/json", "content-encoding", "gzip");

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void plainJson_isReturnedAsIs() {
        assertThat(new String(RequestBody.read(JSON, "{\"events\":[]}", false, LIMIT), StandardCharsets.UTF_8)).isEqualTo("{\"events\":[]}");
    }

    @Test
    void base64GzipBody_isInflated() throws IOException {
        byte[] body = RequestBody.read(GZIP_JSON, b64(gzip("{\"events\":[1]}".getBytes(StandardCharsets.UTF_8))), true, LIMIT);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"events\":[1]}");
    }

    @Test
    void headerNames_areMatchedCaseInsensitively() {
        assertThat(RequestBody.read(Map.of("Content-Type", "application/json"), "{}", false, LIMIT)).hasSize(2);
    }

    @Test
    void missingContentType_is415() {
        assertThatThrownBy(() -> RequestBody.read(Map.of(), "{}", false, LIMIT))
                .isInstanceOf(IngestException.UnsupportedMediaType.class)
                .hasMessage("Content-Type is missing; send application/json");
    }

    @Test
    void otherContentType_is415() {
        assertThatThrownBy(() -> RequestBody.read(Map.of("content-type", "text/plain"), "{}", false, LIMIT))
                .isInstanceOf(IngestException.UnsupportedMediaType.class)
                .hasMessage("Content-Type text/plain is not supported; send application/json");
    }

    @Test
    void otherContentEncoding_is415() {
        assertThatThrownBy(() -> RequestBody.read(Map.of("content-type", "application/json", "content-encoding", "br"), "{}", false, LIMIT))
                .isInstanceOf(IngestException.UnsupportedMediaType.class)
                .hasMessage("Content-Encoding br is not supported; send gzip or no encoding");
    }

    @Test
    void bodyOverTheLimit_is413() {
        assertThatThrownBy(() -> RequestBody.read(JSON, "x".repeat(LIMIT + 1), false, LIMIT))
                .isInstanceOf(IngestException.PayloadTooLarge.class)
                .hasMessage("request body is 1048577 bytes; the limit is 1048576 bytes");
    }

    @Test
    void invalidGzip_is400() {
        assertThatThrownBy(() -> RequestBody.read(GZIP_JSON, b64("not gzip".getBytes()), true, LIMIT))
                .isInstanceOf(IngestException.MalformedRequest.class)
                .hasMessageStartingWith("body is not valid gzip");
    }

    @Test
    void gzipBomb_is413_andCostsNoMoreThanTheLimitInMemory() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                gz.write(zeros);
            }
        }
        String body = b64(bomb.toByteArray());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> RequestBody.read(GZIP_JSON, body, true, LIMIT))
                .isInstanceOf(IngestException.PayloadTooLarge.class)
                .hasMessage("gzip body inflates past the 1048576-byte limit");

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The inflated output is capped at the limit; the (ByteArrayOutputStream) growth doubles at most once past it.
        assertThat(allocated).isLessThan(4L * LIMIT);
    }
}
