/**
 * Fixtures for AIMS's own tests: {@link dev.aims.testkit.LoopbackOpenAiServer}, an OpenAI-compatible server on
 * 127.0.0.1 that quotes back what it received, and {@link dev.aims.testkit.FakeRedactor}. Not for production use.
 */
package dev.aims.testkit;
