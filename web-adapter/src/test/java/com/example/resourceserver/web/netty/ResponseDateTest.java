package com.example.resourceserver.web.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseDateTest {

    private final AtomicLong clock = new AtomicLong(1_796_694_660_996L); // 2026-12-08T01:51:00.996Z
    private final EmbeddedChannel channel = new EmbeddedChannel(new ResponseDate(clock::get));

    @Test
    void addsAnImfFixdateToAResponseWithoutOne() {
        assertEquals("Tue, 08 Dec 2026 01:51:00 GMT", dateOf(written(response())));
    }

    @Test
    void theDateIsOneAnHttpClientParses() {
        ZonedDateTime parsed = ZonedDateTime.parse(dateOf(written(response())), DateTimeFormatter.RFC_1123_DATE_TIME);
        assertEquals(clock.get() / 1000, parsed.toEpochSecond());
    }

    @Test
    void keepsADateAlreadySet() {
        FullHttpResponse response = response();
        response.headers().set(HttpHeaderNames.DATE, "Thu, 01 Jan 2026 00:00:00 GMT");
        assertEquals("Thu, 01 Jan 2026 00:00:00 GMT", dateOf(written(response)));
    }

    @Test
    void followsTheClockFromOneSecondToTheNext() {
        String first = dateOf(written(response()));
        clock.addAndGet(3); // the same second: the same text
        assertSame(first, dateOf(written(response())));
        clock.addAndGet(1_000);
        assertEquals("Tue, 08 Dec 2026 01:51:01 GMT", dateOf(written(response())));
        clock.addAndGet(86_400_000L * 30); // into the next year, a single-digit day
        assertEquals("Thu, 07 Jan 2027 01:51:01 GMT", dateOf(written(response())));
    }

    private FullHttpResponse written(FullHttpResponse response) {
        channel.writeOutbound(response);
        return channel.readOutbound();
    }

    private static FullHttpResponse response() {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    }

    private static String dateOf(FullHttpResponse response) {
        return response.headers().get(HttpHeaderNames.DATE);
    }
}
