package dev.aims.springai;

import dev.aims.api.CallObserver;

/**
 * One way the auto-configuration can observe calls: aims-otel's spans and metrics through the application's
 * {@code OpenTelemetry} bean, or Micrometer's {@code MeterRegistry} and Spring AI's observations. Each is a bean only
 * when its libraries are on the class path; whether it can observe is decided once, when the governance is built,
 * from the beans the application has then — so no ordering between auto-configurations matters.
 */
interface AimsTelemetrySource {
    /** @return the name used in start-up messages: {@code opentelemetry} or {@code micrometer} */
    String name();

    /** @return the observer of the calls, or null when the bean it needs is not there */
    CallObserver observer();
}
