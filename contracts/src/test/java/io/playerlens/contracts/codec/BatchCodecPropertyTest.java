package io.playerlens.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever bytes arrive on the stream, decoding them ends in events or a {@link CorruptRecordException}, nothing else. */
class BatchCodecPropertyTest {
    private static final BatchCodec CODEC = new BatchCodec();

    @Provide
    Arbitrary<byte[]> records() {
        Arbitrary<byte[]> valid = Arbitraries.strings().all().ofMaxLength(200).list().ofMaxSize(10)
                .map(lines -> CODEC.encodeLines(lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList()));
        Arbitrary<byte[]> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000), Arbitraries.bytes())
                .as((record, at, value) -> {
                    byte[] copy = record.clone();
                    copy[at % copy.length] = value;
                    return copy;
                });
        Arbitrary<byte[]> truncated = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000))
                .as((record, length) -> java.util.Arrays.copyOf(record, length % (record.length + 1)));
        return Arbitraries.oneOf(valid, mutated, truncated, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    @Property(tries = 3000)
    void anyBytes_decodeToLinesOrACorruptRecordException(@ForAll("records") byte[] record) {
        try {
            List<byte[]> lines = BatchCodec.decodeLines(record);
            for (byte[] line : lines) {
                try {
                    assertThat(BatchCodec.parse(line)).isNotNull();
                } catch (CorruptRecordException lineIsNotJson) {
                    assertThat(lineIsNotJson.getMessage()).startsWith("record holds a line that is not JSON");
                }
            }
        } catch (CorruptRecordException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
