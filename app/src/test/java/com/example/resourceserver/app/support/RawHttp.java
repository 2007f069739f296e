package com.example.resourceserver.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Speaks HTTP/1.1 over a plain socket, so tests can send exactly the bytes an attacker would: duplicate
 * headers, odd spacing, oversized values, a forged Host. Each request closes its connection.
 */
public final class RawHttp {

    private RawHttp() {}

    public record Response(int status, List<String[]> headers, String body) {

        /** All values of a header, case-insensitive name. */
        public List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    values.add(header[1]);
                }
            }
            return values;
        }

        public Optional<String> header(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }

    /** Sends {@code GET path} with these raw header lines (each "Name: value"). */
    public static Response get(int port, String path, String... headerLines) {
        return send(port, "GET", path, headerLines);
    }

    public static Response send(int port, String method, String path, String... headerLines) {
        StringBuilder request =
                new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String line : headerLines) {
            hasHost |= line.toLowerCase(Locale.ROOT).startsWith("host:");
            request.append(line).append("\r\n");
        }
        if (!hasHost) {
            request.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return exchange(port, request.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Response exchange(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything we send (oversized requests)
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("HTTP exchange failed: " + e, e);
        }
    }

    /** Reads until the server closes, or until a complete response (headers + Content-Length body) is in. */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int read;
            while (!isComplete(buffer.toByteArray()) && (read = in.read(chunk)) != -1) {
                buffer.write(chunk, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            if (buffer.size() == 0) {
                throw e;
            }
        }
        return buffer.toByteArray();
    }

    private static boolean isComplete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return false;
        }
        for (String line : text.substring(0, headerEnd).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).trim());
                return bytes.length >= headerEnd + 4 + length;
            }
        }
        return false;
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new IllegalStateException("no complete HTTP response: " + text);
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {
                lines[i].substring(0, colon).trim(),
                lines[i].substring(colon + 1).trim()
            });
        }
        String body =
                new String(text.substring(headerEnd + 4).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new Response(status, headers, body);
    }
}
