package io.playerlens.contracts.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The Kinesis record format: one gzip member holding newline-delimited JSON events.
 *
 * <p>The codec version travels in the gzip header's FEXTRA field (subfield id {@code PL}, two bytes:
 * version, flags), so a record is a valid gzip member on its own. That matters downstream: Firehose
 * concatenates records as-is into the S3 archive, and concatenated gzip members are a valid multi-member
 * {@code .gz} file that Spark, {@code zcat} and {@link java.util.zip.GZIPInputStream} read without this
 * class. Only this class needs the version, to refuse a record format it does not know.
 */
public final class BatchCodec {
    public static final int VERSION = 1;
    /** Records above this when inflated are refused: they cannot come from the packer. */
    public static final int MAX_DECODED_BYTES = 64 * 1024 * 1024;

    private static final byte SUBFIELD_ID_1 = 'P';
    private static final byte SUBFIELD_ID_2 = 'L';
    private static final int FTEXT = 1;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, 8, FEXTRA, 0, 0, 0, 0, 0, (byte) 255,
        6, 0, SUBFIELD_ID_1, SUBFIELD_ID_2, 2, 0, VERSION, 0
    };
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int level;

    public BatchCodec() {
        this(Deflater.BEST_COMPRESSION);
    }

    /** @param level the deflate level; the default (9) is measured to cost little on small batches. */
    public BatchCodec(int level) {
        this.level = level;
    }

    /** Encodes {@code length} bytes of newline-delimited JSON into one record. */
    public byte[] encode(byte[] ndjson, int offset, int length) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(ndjson, offset, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER.length + length / 4 + 64);
            out.write(HEADER, 0, HEADER.length);
            byte[] buffer = new byte[Math.max(512, Math.min(length, 64 * 1024))];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            CRC32 crc = new CRC32();
            crc.update(ndjson, offset, length);
            writeIntLe(out, (int) crc.getValue());
            writeIntLe(out, length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Decodes a record to its newline-delimited JSON. */
    public static byte[] decode(byte[] record) {
        int pos = readHeader(record);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(record, pos, record.length - pos);
            ByteArrayOutputStream out = new ByteArrayOutputStream(record.length * 6);
            byte[] buffer = new byte[16 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new CorruptRecordException("record is truncated: deflate stream ends early");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_DECODED_BYTES) {
                    throw new CorruptRecordException("record inflates past " + MAX_DECODED_BYTES + " bytes");
                }
            }
            int trailer = record.length - inflater.getRemaining();
            if (record.length - trailer < 8) {
                throw new CorruptRecordException("record is truncated: gzip trailer missing");
            }
            byte[] ndjson = out.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(ndjson);
            if ((int) crc.getValue() != readIntLe(record, trailer) || ndjson.length != readIntLe(record, trailer + 4)) {
                throw new CorruptRecordException("record checksum does not match its content");
            }
            return ndjson;
        } catch (DataFormatException e) {
            throw new CorruptRecordException("record is not valid deflate data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Decodes a record into its events, in the order they were packed; one line that is not JSON fails the record. */
    public static List<JsonNode> decodeEvents(byte[] record) {
        List<JsonNode> events = new ArrayList<>();
        for (byte[] line : decodeLines(record)) {
            events.add(parse(line));
        }
        return events;
    }

    /**
     * Decodes a record into its lines (one JSON event each, not yet parsed), so a consumer can refuse one bad line
     * and keep the others.
     *
     * @throws CorruptRecordException if the record itself cannot be decoded
     */
    public static List<byte[]> decodeLines(byte[] record) {
        byte[] ndjson = decode(record);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < ndjson.length; i++) {
            if (ndjson[i] == '\n') {
                if (i > start) {
                    lines.add(java.util.Arrays.copyOfRange(ndjson, start, i));
                }
                start = i + 1;
            }
        }
        if (start < ndjson.length) {
            lines.add(java.util.Arrays.copyOfRange(ndjson, start, ndjson.length));
        }
        return lines;
    }

    /**
     * Parses one line of a record.
     *
     * @throws CorruptRecordException if it is not JSON
     */
    public static JsonNode parse(byte[] line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new CorruptRecordException("record holds a line that is not JSON: " + e.getMessage().split("\n", 2)[0]);
        }
    }

    /** Reads the codec version of a record without inflating it. */
    public static int version(byte[] record) {
        readHeader(record);
        return record[versionOffset(record)];
    }

    /** Validates the gzip header and the playerlens subfield; returns where the deflate data starts. */
    private static int readHeader(byte[] record) {
        if (record.length < HEADER.length + 8 || record[0] != 0x1f || record[1] != (byte) 0x8b || record[2] != 8) {
            throw new CorruptRecordException("not a playerlens record: no gzip header");
        }
        int flags = record[3] & 0xff;
        if ((flags & FEXTRA) == 0) {
            throw new CorruptRecordException("not a playerlens record: gzip header has no playerlens subfield");
        }
        int versionAt = versionOffset(record);
        int version = record[versionAt] & 0xff;
        if (version != VERSION) {
            throw new UnsupportedRecordVersionException(version, VERSION);
        }
        int pos = 12 + readShortLe(record, 10);
        if ((flags & FNAME) != 0) {
            pos = skipZeroTerminated(record, pos);
        }
        if ((flags & FCOMMENT) != 0) {
            pos = skipZeroTerminated(record, pos);
        }
        if ((flags & FHCRC) != 0) {
            pos += 2;
        }
        if ((flags & ~(FTEXT | FHCRC | FEXTRA | FNAME | FCOMMENT)) != 0 || pos > record.length) {
            throw new CorruptRecordException("not a playerlens record: malformed gzip header");
        }
        return pos;
    }

    private static int versionOffset(byte[] record) {
        int xlen = readShortLe(record, 10);
        int pos = 12;
        int end = 12 + xlen;
        if (end > record.length) {
            throw new CorruptRecordException("not a playerlens record: gzip extra field is truncated");
        }
        while (pos + 4 <= end) {
            int len = readShortLe(record, pos + 2);
            if (record[pos] == SUBFIELD_ID_1 && record[pos + 1] == SUBFIELD_ID_2 && len >= 1 && pos + 4 + len <= end) {
                return pos + 4;
            }
            pos += 4 + len;
        }
        throw new CorruptRecordException("not a playerlens record: gzip header has no playerlens subfield");
    }

    private static int skipZeroTerminated(byte[] record, int pos) {
        while (pos < record.length && record[pos] != 0) {
            pos++;
        }
        return pos + 1;
    }

    private static int readShortLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int readIntLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** Convenience for callers that hold lines, such as tests and the quarantine writer. */
    public byte[] encodeLines(List<byte[]> lines) {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            ndjson.write(line, 0, line.length);
            ndjson.write('\n');
        }
        byte[] bytes = ndjson.toByteArray();
        return encode(bytes, 0, bytes.length);
    }

}
