/**
 * The governed call pipeline: {@link dev.aims.core.GovernedClient} and its builder, and the built-in policies
 * {@link dev.aims.core.ModelAllowList}, {@link dev.aims.core.MaxInputSize} and {@link dev.aims.core.Policies}.
 */
package dev.aims.core;
