package com.example.resourceserver.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.example.resourceserver.auth.testing.Poll;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BatchingLineAppenderTest {

    /** Records every write call separately, so a test can see how lines were batched. */
    static final class RecordingStream extends OutputStream {
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch released;
        final CountDownLatch entered = new CountDownLatch(1);

        RecordingStream(CountDownLatch released) {
            this.released = released;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            entered.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            synchronized (writes) {
                for (String write : writes) {
                    for (String line : write.split("\n")) {
                        lines.add(line);
                    }
                }
            }
            return lines;
        }
    }

    static BatchingLineAppender started(OutputStream out, int queueSize) {
        BatchingLineAppender appender = new BatchingLineAppender();
        appender.setContext(new LoggerContext());
        appender.setOutputStream(out);
        appender.setQueueSize(queueSize);
        appender.start();
        return appender;
    }

    static LoggingEvent line(String text) {
        LoggingEvent event = new LoggingEvent();
        event.setMessage(text);
        return event;
    }

    @Test
    void everyLineArrivesWholeInOrderInWritesThatNeverExceedTheAtomicPipeSize() throws Exception {
        RecordingStream out = new RecordingStream(new CountDownLatch(0));
        BatchingLineAppender appender = started(out, 100_000);
        int threads = 4;
        int perThread = 5_000;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    appender.doAppend(
                            line("{\"thread\":" + id + ",\"seq\":" + i + ",\"pad\":\"" + "x".repeat(i % 300) + "\"}"));
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        appender.stop(); // writes what is still queued

        List<String> lines = out.lines();
        assertEquals(threads * perThread, lines.size());
        int[] next = new int[threads];
        for (String line : lines) {
            int thread = Integer.parseInt(line.substring(10, line.indexOf(',')));
            int seq = Integer.parseInt(line.substring(line.indexOf("\"seq\":") + 6, line.indexOf(",\"pad\"")));
            assertEquals(next[thread]++, seq, "each producer's lines in order, none lost or torn");
        }
        synchronized (out.writes) {
            assertTrue(out.writes.size() < lines.size(), "lines are batched: " + out.writes.size() + " writes");
            for (String write : out.writes) {
                assertTrue(write.length() <= BatchingLineAppender.MAX_WRITE, "write of " + write.length());
                assertTrue(write.endsWith("\n"), "a write ends with a whole line");
            }
        }
        assertEquals(0, appender.dropped());
    }

    @Test
    void aQuietServicesLineIsWrittenWithinMillisecondsWithoutWaitingForMore() {
        RecordingStream out = new RecordingStream(new CountDownLatch(0));
        BatchingLineAppender appender = started(out, 10);
        appender.doAppend(line("{\"only\":1}"));
        assertEquals(List.of("{\"only\":1}"), Poll.until(out::lines, l -> !l.isEmpty(), Duration.ofSeconds(2)));
        appender.stop();
    }

    @Test
    void whenTheQueueIsFullNewLinesAreDroppedAndCountedNeverBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingStream out = new RecordingStream(release); // stdout blocked, as by a stuck log collector
        BatchingLineAppender appender = started(out, 5);
        appender.doAppend(line("{\"seq\":0}"));
        assertTrue(out.entered.await(2, java.util.concurrent.TimeUnit.SECONDS), "the writer is stuck writing line 0");
        long started = System.nanoTime();
        for (int i = 1; i <= 50; i++) {
            appender.doAppend(line("{\"seq\":" + i + "}"));
        }
        assertTrue(
                System.nanoTime() - started < Duration.ofSeconds(1).toNanos(), "appending never waits for the writer");
        assertEquals(45, appender.dropped(), "5 lines wait in the queue, the other 45 are dropped");
        release.countDown();
        appender.stop();
        List<String> written = new ArrayList<>();
        for (int i = 0; i <= 5; i++) {
            written.add("{\"seq\":" + i + "}");
        }
        assertEquals(written, out.lines(), "the line being written and the 5 queued ones");
    }
}
