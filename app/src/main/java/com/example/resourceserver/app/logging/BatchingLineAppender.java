package com.example.resourceserver.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log's appender: each event's message (a finished JSON line, see {@code web.logging.AccessLine})
 * goes to stdout, written in batches by one thread of its own. Logback's {@code AsyncAppender} in front of a
 * {@code ConsoleAppender} does the same work one line at a time: it wakes its worker through a lock and a
 * condition for each line and makes one {@code write} call per line (stdout is an auto-flushing stream). At
 * tens of thousands of requests per second that cost a third of the public route's throughput, where the
 * Java code building the line was about 5 % (docs/performance.md); Logback has no batching console
 * appender, hence this one.
 *
 * <ul>
 *   <li>A request never waits and never wakes anyone: it adds the line to a lock-free queue. (Waking the
 *       writer for each line, as a blocking queue does, costs a system call and a context switch per
 *       request.)</li>
 *   <li>The writer drains the queue into writes of at most {@value #MAX_WRITE} bytes of whole lines: the
 *       size up to which a write to a pipe is atomic, so these lines never interleave with the other log
 *       lines written to the same stdout. Then it sleeps 5 ms: a line reaches stdout at most that late.</li>
 *   <li>Bounded: past {@code queueSize} waiting lines, new ones are dropped and counted, as the
 *       {@code AsyncAppender} with {@code neverBlock} did. Every refusal is also counted in
 *       {@code authentication_outcomes_total}, which nothing drops.</li>
 *   <li>{@link #stop()} (Logback's shutdown hook) writes every line still queued.</li>
 * </ul>
 */
public class BatchingLineAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** PIPE_BUF on Linux: a pipe write up to this size is never split or interleaved with another's. */
    static final int MAX_WRITE = 4096;

    /**
     * How long the writer sleeps once the queue is empty: lines reach stdout at most this late, and under load
     * each write carries the lines of this interval. Requests never wake the writer (see {@link #append}).
     */
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private int queueSize = 8192;
    private OutputStream out = new FileOutputStream(FileDescriptor.out);
    private volatile boolean running;
    private Thread writer;

    /** How many lines may wait to be written before new ones are dropped (logback.xml: {@code <queueSize>}). */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Where the lines go; stdout unless a test says otherwise. */
    void setOutputStream(OutputStream out) {
        this.out = out;
    }

    /** Lines dropped because the queue was full. */
    long dropped() {
        return dropped.sum();
    }

    @Override
    public void start() {
        if (queueSize < 1) {
            addError("queueSize must be at least 1");
            return;
        }
        running = true;
        writer = new Thread(this::writeUntilStopped, "access-log-writer");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (waiting.incrementAndGet() > queueSize) {
            waiting.decrementAndGet();
            dropped.increment();
            return;
        }
        lines.offer(event.getFormattedMessage());
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop(); // no new lines from here on
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilStopped() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(MAX_WRITE);
        while (true) {
            String line = lines.poll();
            if (line == null) {
                write(batch);
                if (running) {
                    LockSupport.parkNanos(PAUSE_NANOS);
                } else if (lines.isEmpty()) {
                    return; // stopped, and every line queued before has been written
                }
                continue;
            }
            waiting.decrementAndGet();
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (batch.size() + bytes.length > MAX_WRITE) {
                write(batch); // a longer line than MAX_WRITE goes alone
            }
            batch.writeBytes(bytes);
        }
    }

    private void write(ByteArrayOutputStream batch) {
        if (batch.size() == 0) {
            return;
        }
        try {
            batch.writeTo(out);
            out.flush();
        } catch (IOException e) {
            addError("Could not write the access log", e);
        }
        batch.reset();
    }
}
