package com.example.resourceserver.web.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose next request has not fully arrived (request line and headers) within a
 * deadline. Netty's idle handlers reset on every byte, so a client trickling one byte at a time would
 * hold the connection forever (slowloris); this deadline does not reset.
 *
 * <p>Sits right after the HTTP codec, so it sees each decoded request. The clock runs from connect and
 * from each completed response while no request is outstanding; an idle keep-alive connection is
 * therefore also closed after the deadline, which is no stricter than the read-idle timeout.
 * One instance per connection; all methods run on that connection's event loop.
 */
final class RequestHeaderDeadline extends ChannelDuplexHandler {

    private final long deadlineMillis;
    private ScheduledFuture<?> timer;
    private int outstandingRequests;

    RequestHeaderDeadline(long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            outstandingRequests++;
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            outstandingRequests = Math.max(0, outstandingRequests - 1);
            if (outstandingRequests == 0) {
                arm(ctx);
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor()
                .schedule(
                        () -> {
                            if (outstandingRequests == 0) {
                                ctx.close();
                            }
                        },
                        deadlineMillis,
                        TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
