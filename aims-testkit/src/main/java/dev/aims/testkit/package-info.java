/**
 * Fixtures for AIMS's own tests: {@link dev.aims.testkit.LoopbackOpenAiServer}, an OpenAI-compatible server on
 * 127.0.0.1 that quotes back what it received; {@link dev.aims.testkit.FakeRedactor}; and
 * {@link dev.aims.testkit.LocalRedis} and {@link dev.aims.testkit.LocalRedisCluster}, real Redis servers started
 * from the {@code PATH} or from the binary inside the embedded-redis jar. Not for production use.
 */
package dev.aims.testkit;
