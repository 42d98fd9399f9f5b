package io.playerlens.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
    private final BatchCodec codec = new BatchCodec();

    private static byte[] line(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void encodeThenDecode_returnsTheSameEventsInOrder() {
        byte[] record = codec.encodeLines(List.of(line("{\"event_id\":\"a\",\"n\":1}"), line("{\"event_id\":\"b\",\"n\":2}")));

        List<JsonNode> events = BatchCodec.decodeEvents(record);

        assertThat(events).extracting(e -> e.get("event_id").asText()).containsExactly("a", "b");
        assertThat(BatchCodec.version(record)).isEqualTo(BatchCodec.VERSION);
    }

    @Test
    void record_isAPlainGzipMember_andConcatenatedRecordsAreAMultiMemberGzipFile() throws IOException {
        byte[] first = codec.encodeLines(List.of(line("{\"n\":1}")));
        byte[] second = codec.encodeLines(List.of(line("{\"n\":2}")));
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        archive.write(first);
        archive.write(second);

        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(archive.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
        }
    }

    @Test
    void unknownVersion_isRefusedWithAClearMessage() {
        byte[] record = codec.encodeLines(List.of(line("{\"n\":1}")));
        record[16] = 9;

        assertThatThrownBy(() -> BatchCodec.decode(record))
                .isInstanceOf(UnsupportedRecordVersionException.class)
                .hasMessage("record codec version 9 is not supported by this reader (supports 1)");
    }

    @Test
    void plainGzipWithoutSubfield_isRefused() throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(plain)) {
            gz.write(line("{\"n\":1}\n"));
        }
        assertThatThrownBy(() -> BatchCodec.decode(plain.toByteArray()))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("no playerlens subfield");
    }

    @Test
    void corruptedPayload_isRefused() {
        byte[] record = codec.encodeLines(List.of(line("{\"event_id\":\"abcdefgh\",\"payload\":\"" + "x".repeat(200) + "\"}")));
        record[record.length - 6] ^= 0x5a;
        assertThatThrownBy(() -> BatchCodec.decode(record)).isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void truncatedRecord_isRefused() {
        byte[] record = codec.encodeLines(List.of(line("{\"n\":1}")));
        byte[] truncated = java.util.Arrays.copyOf(record, record.length - 5);
        assertThatThrownBy(() -> BatchCodec.decode(truncated)).isInstanceOf(CorruptRecordException.class);
    }
}
