/**
 * Helpers shared by the packages of aims-evidence. Not API: public only so that those packages can share them, and
 * may change in any release.
 */
package dev.aims.evidence.internal;
