package com.example.resourceserver.app.tracing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import io.micronaut.scheduling.instrument.InstrumentedExecutorService;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * With tracing on, tasks handed to the application's executors (blocking, io) run under the span current
 * where they were submitted: a key fetch or an introspection call that a request waits for happens on the
 * blocking executor, and its client span ({@link FetchSpans}) then belongs to that request's trace. Scheduled
 * executors are left as they are (their tasks, the background key refresh, belong to no request). The wrapper
 * is Micronaut's {@link InstrumentedExecutorService}, which Micrometer's executor metrics unwrap, and this
 * listener comes last, so those metrics bind to the executor itself.
 */
@Singleton
@Requires(beans = OpenTelemetry.class)
final class TracedExecutors implements BeanCreatedEventListener<ExecutorService>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public ExecutorService onCreated(BeanCreatedEvent<ExecutorService> event) {
        ExecutorService executor = event.getBean();
        return executor instanceof ScheduledExecutorService ? executor : new Traced(executor);
    }

    /** Each task runs under the OpenTelemetry context current where it was submitted. */
    record Traced(ExecutorService target) implements InstrumentedExecutorService {

        @Override
        public ExecutorService getTarget() {
            return target;
        }

        @Override
        public Runnable instrument(Runnable task) {
            return Context.current().wrap(task);
        }

        @Override
        public <T> Callable<T> instrument(Callable<T> task) {
            return Context.current().wrap(task);
        }
    }
}
