/**
 * Fixtures for AIMS's own tests: {@link dev.aims.testkit.LoopbackOpenAiServer}, an OpenAI-compatible server on
 * 127.0.0.1 that quotes back what it received; {@link dev.aims.testkit.FakeRedactor};
 * {@link dev.aims.testkit.LocalRedis} and {@link dev.aims.testkit.LocalRedisCluster}, real Redis servers started
 * from the {@code PATH} or from the binary inside the embedded-redis jar; and for the leak tests
 * {@link dev.aims.testkit.Seeds}, a value of every entity type and the search for it, and
 * {@link dev.aims.testkit.LogCapture}, every log line written meanwhile. Not for production use.
 */
package dev.aims.testkit;
