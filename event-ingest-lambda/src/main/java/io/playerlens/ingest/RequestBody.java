package io.playerlens.ingest;

import io.playerlens.lambda.HttpResponses;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns the API Gateway body into JSON bytes: checks the content type, decodes base64, and inflates gzip
 * without ever holding more than the limit in memory (a gzip bomb costs at most {@code maxBytes}).
 */
final class RequestBody {
    private RequestBody() {
    }

    static byte[] read(Map<String, String> headers, String body, boolean base64, int maxBytes) {
        String contentType = HttpResponses.header(headers, "content-type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new IngestException.UnsupportedMediaType(contentType == null
                    ? "Content-Type is missing; send application/json"
                    : "Content-Type " + contentType + " is not supported; send application/json");
        }
        String encoding = HttpResponses.header(headers, "content-encoding");
        String normalizedEncoding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        if (!normalizedEncoding.equals("identity") && !normalizedEncoding.equals("gzip")) {
            throw new IngestException.UnsupportedMediaType("Content-Encoding " + encoding + " is not supported; send gzip or no encoding");
        }
        if (body == null || body.isEmpty()) {
            throw new IngestException.MalformedRequest("body is empty; send {\"events\":[...]}");
        }
        byte[] raw = base64 ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8);
        if (raw.length > maxBytes) {
            throw new IngestException.PayloadTooLarge("request body is " + raw.length + " bytes; the limit is " + maxBytes + " bytes");
        }
        return normalizedEncoding.equals("gzip") ? inflate(raw, maxBytes) : raw;
    }

    private static byte[] decodeBase64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IngestException.MalformedRequest("body is marked base64 but is not valid base64");
        }
    }

    private static byte[] inflate(byte[] gzip, int maxBytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, gzip.length * 8));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new IngestException.PayloadTooLarge("gzip body inflates past the " + maxBytes + "-byte limit");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new IngestException.MalformedRequest("body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new IngestException.MalformedRequest("body could not be read: " + e.getMessage());
        }
    }
}
