package dev.aims.evidence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of an evidence directory: one instance's chain in {@code evidence-NNNNNN.jsonl} files numbered from 1,
 * the instance id in {@value #INSTANCE_FILE}, the signing keys, torn tails set aside as
 * {@code evidence-NNNNNN.jsonl.torn-N}, and a lock file that keeps a second writer out.
 */
final class LogDirectory {
    static final String INSTANCE_FILE = "instance.id";
    static final String LOCK_FILE = ".lock";
    private static final Pattern EVIDENCE_FILE = Pattern.compile("evidence-(\\d{6,})\\.jsonl");

    private LogDirectory() {
    }

    static String fileName(long number) {
        return String.format(java.util.Locale.ROOT, "evidence-%06d.jsonl", number);
    }

    static boolean isEvidenceFile(Path file) {
        return EVIDENCE_FILE.matcher(file.getFileName().toString()).matches();
    }

    /** @return the file's number, or -1 when it is not an evidence file */
    static long number(Path file) {
        Matcher m = EVIDENCE_FILE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** @return the directory's evidence files in chain order */
    static List<Path> evidenceFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path p : all) {
                if (isEvidenceFile(p) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparingLong(LogDirectory::number));
        return files;
    }

    /**
     * @param requested the id the builder was given, or null
     * @return the directory's instance id, stored on first use
     * @throws IllegalStateException if the directory already belongs to another instance id
     */
    static String instanceId(Path dir, String requested) throws IOException {
        Path file = dir.resolve(INSTANCE_FILE);
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (requested != null && !requested.equals(stored)) {
                throw new IllegalStateException("evidence directory " + dir + " holds the chain of instance '"
                        + stored + "', not '" + requested + "': give each instance its own directory");
            }
            return stored;
        }
        String id = requested != null ? requested : UUID.randomUUID().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        return id;
    }

    /** @return the instance id stored in the directory, or null */
    static String storedInstanceId(Path dir) throws IOException {
        Path file = dir.resolve(INSTANCE_FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    }

    /**
     * Takes the directory's writer lock, held until the returned channel is closed.
     *
     * @throws IllegalStateException if another writer, in this process or another, holds it
     */
    static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("evidence directory " + dir
                    + " is in use by another EvidenceLog; one writer per directory");
        }
        return channel;
    }
}
