/**
 * The in-process detector engine and redaction operators, and the default {@link dev.aims.api.Redactor}:
 * {@link dev.aims.redact.AimsRedactor}.
 *
 * <p>Each text is scanned once. A table look-up per character hands control only at a word start, a digit or one
 * of {@code @ + ( = : - > <} to the detectors that can start there; each candidate is validated by its type's rule
 * before it becomes a finding (Luhn and issuer ranges for cards, per-country length and mod-97 for IBANs, issued
 * ranges for SSNs, mod-11 for NHS numbers, national check digits and letters, Base58Check and Bech32 checksums,
 * the JOSE header of a JWT, vendor prefixes and body lengths for keys, entropy and placeholder rules for assigned
 * secrets). {@code TYPES.md} in this module lists every type with its rule and an example. Where a candidate may
 * start and end is decided by the classes of the characters around it, so values in CSV cells, after
 * {@code key=}, {@code label-} or {@code #} and glued to a label are found, while decimals, versions, timestamps,
 * UUIDs and hashes are not. Overlaps resolve deterministically: the longer finding wins, then the more specific
 * type; a PEM private key block swallows what is inside it.
 *
 * <p>A text that holds an escape ({@code %40}, {@code \u0040}, {@code &#64;}, {@code &commat;} …), an invisible
 * (default-ignorable) character next to a value, or a compatibility form (full-width, superscript, mathematical
 * digits) is scanned in a normalised view whose every character maps back to the exact range of the original, so a
 * finding covers the disguised value whole. A text without any comes back as the same instance when nothing is
 * found, and scanning it allocates nothing. No input makes a detector rescan: a detector remembers the end of the
 * run it read and how far its last failure reaches, so a trigger repeated inside one run costs constant time.
 *
 * <p>User dictionaries share one Aho-Corasick automaton; user patterns run on a Thompson NFA in linear time and
 * patterns that would need backtracking are refused. Text that arrives in chunks (a streamed answer) is held back
 * and checked by the governed client's one incremental engine, in aims-core.
 */
package dev.aims.redact;
