package dev.sluice.warehouse.volumes;

import dev.sluice.warehouse.http.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Unity Catalog volumes of the local warehouse: volume {@code c.s.v} is the directory
 * {@code <warehouse-dir>/Volumes/c/s/v/}, and {@code /Volumes/c/s/v/a/b.csv} is the file {@code a/b.csv} in it (the
 * jobs runtime resolves JAR paths the same way).
 *
 * <p>Nothing a request names may leave the volume: names of catalogs, schemas and volumes are plain identifiers,
 * path segments may not be empty, {@code .} or {@code ..} nor hold a backslash or control character, and no
 * directory or file on the way may be a symbolic link (a link planted inside the warehouse directory would
 * otherwise lead out of it). Violations are 400 {@code INVALID_PARAMETER_VALUE}; a missing volume or file is 404
 * {@code NOT_FOUND}, as the Files API answers.
 */
public final class VolumeStore {

    /** Catalog, schema and volume names: what Unity Catalog accepts unquoted, and nothing a path could abuse. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,254}");
    /** Uploads in progress are written beside their target under this prefix and hidden from listings. */
    static final String PARTIAL_PREFIX = ".sluice-upload-";

    /** A file or directory path inside a volume. */
    public record VolumePath(String catalog, String schema, String volume, List<String> segments, Path file,
                             Path volumeDir) {
        /** The path as the Files API shows it: {@code /Volumes/c/s/v/a/b}. */
        public String display() {
            StringBuilder out = new StringBuilder("/Volumes/").append(catalog).append('/').append(schema)
                    .append('/').append(volume);
            segments.forEach(s -> out.append('/').append(s));
            return out.toString();
        }

        /** True for the volume's own root directory. */
        public boolean isRoot() {
            return segments.isEmpty();
        }
    }

    private final Path root;

    public VolumeStore(Path warehouseDir) {
        this.root = warehouseDir.toAbsolutePath().normalize().resolve("Volumes");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /** Checks a catalog, schema or volume name and returns it lower-cased. */
    public static String name(String kind, String value) {
        String n = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw ApiError.invalid("Invalid " + kind + " name '" + value + "': letters, digits, '_' and '-' only");
        }
        return n;
    }

    /** The directory of volume {@code c.s.v}, whether or not it exists. */
    private Path volumeDir(String catalog, String schema, String volume) {
        return root.resolve(catalog).resolve(schema).resolve(volume);
    }

    public boolean exists(String catalog, String schema, String volume) {
        Path dir = volumeDir(name("catalog", catalog), name("schema", schema), name("volume", volume));
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && noLinksBetween(root, dir);
    }

    /**
     * Creates volume {@code c.s.v}.
     *
     * @return false when it existed and {@code ifNotExists}
     * @throws ApiError 409 {@code RESOURCE_ALREADY_EXISTS} when it existed
     */
    public synchronized boolean create(String catalog, String schema, String volume, boolean ifNotExists)
            throws IOException {
        String c = name("catalog", catalog);
        String s = name("schema", schema);
        String v = name("volume", volume);
        if (exists(c, s, v)) {
            if (ifNotExists) {
                return false;
            }
            throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", "Volume '" + c + "." + s + "." + v
                    + "' already exists");
        }
        Path dir = volumeDir(c, s, v);
        Files.createDirectories(dir);
        if (!noLinksBetween(root, dir)) {
            throw ApiError.invalid("Volume '" + c + "." + s + "." + v + "' cannot be created here");
        }
        return true;
    }

    /**
     * Drops volume {@code c.s.v} with its files (a managed volume's files go with it).
     *
     * @return false when it did not exist and {@code ifExists}
     * @throws ApiError 404 when it did not exist
     */
    public synchronized boolean drop(String catalog, String schema, String volume, boolean ifExists)
            throws IOException {
        String c = name("catalog", catalog);
        String s = name("schema", schema);
        String v = name("volume", volume);
        if (!exists(c, s, v)) {
            if (ifExists) {
                return false;
            }
            throw new ApiError(404, "NOT_FOUND", "Volume '" + c + "." + s + "." + v + "' does not exist");
        }
        deleteTree(volumeDir(c, s, v));
        return true;
    }

    /** The directory of an existing volume {@code c.s.v} (its storage location), or null when there is none. */
    public Path location(String catalog, String schema, String volume) {
        return exists(catalog, schema, volume)
                ? volumeDir(name("catalog", catalog), name("schema", schema), name("volume", volume)) : null;
    }

    /** Drops every volume of schema {@code c.s} with its files (DROP SCHEMA ... CASCADE). */
    public synchronized void dropSchema(String catalog, String schema) throws IOException {
        deleteUnder(root.resolve(name("catalog", catalog)).resolve(name("schema", schema)));
    }

    /** Drops every volume of catalog {@code c} with its files (DROP CATALOG ... CASCADE). */
    public synchronized void dropCatalog(String catalog) throws IOException {
        deleteUnder(root.resolve(name("catalog", catalog)));
    }

    private void deleteUnder(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            Files.delete(dir); // a link planted in the tree goes, never what it points at
        } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && noLinksBetween(root, dir)) {
            deleteTree(dir);
        }
    }

    /** The volumes of a schema, sorted. */
    public List<String> volumes(String catalog, String schema) throws IOException {
        Path dir = root.resolve(name("catalog", catalog)).resolve(name("schema", schema));
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && noLinksBetween(root, dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> p.getFileName().toString()).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Resolves {@code /Volumes/c/s/v[/a/b...]} in an existing volume.
     *
     * @throws ApiError 400 for a path outside {@code /Volumes/c/s/v} or with a bad segment, 404 when the volume
     *     does not exist
     */
    public VolumePath resolve(String path) {
        if (path == null || !(path.startsWith("/Volumes/") || path.startsWith("Volumes/"))) {
            throw ApiError.invalid("Path '" + path + "' is not a volume path: /Volumes/<catalog>/<schema>/<volume>/...");
        }
        String rest = path.substring(path.indexOf("Volumes/") + "Volumes/".length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length < 3) {
            throw ApiError.invalid("Path '" + path + "' does not name a volume: /Volumes/<catalog>/<schema>/<volume>");
        }
        String c = name("catalog", parts[0]);
        String s = name("schema", parts[1]);
        String v = name("volume", parts[2]);
        List<String> segments = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            segments.add(segment(path, parts[i]));
        }
        if (!exists(c, s, v)) {
            throw new ApiError(404, "NOT_FOUND", "Volume '" + c + "." + s + "." + v + "' does not exist");
        }
        Path dir = volumeDir(c, s, v);
        Path file = dir;
        for (String segment : segments) {
            file = file.resolve(segment);
        }
        if (!file.normalize().startsWith(dir) || !noLinksBetween(dir, file)) {
            throw ApiError.invalid("Path '" + path + "' leads out of its volume");
        }
        return new VolumePath(c, s, v, List.copyOf(segments), file, dir);
    }

    private static String segment(String path, String segment) {
        boolean control = segment.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0 || control
                || segment.startsWith(PARTIAL_PREFIX)) {
            throw ApiError.invalid("Path '" + path + "' has an empty, '.', '..' or otherwise invalid segment");
        }
        return segment;
    }

    /** True when no existing path from {@code from} (exclusive) down to {@code to} (inclusive) is a symbolic link. */
    private static boolean noLinksBetween(Path from, Path to) {
        Path current = from;
        for (Path part : from.relativize(to)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return false;
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return true;
    }

    /**
     * Writes a file from a stream, creating missing parent directories: written beside the target and moved over
     * it, so readers never see a partial file and a failed upload leaves nothing behind.
     *
     * @throws ApiError 409 {@code ALREADY_EXISTS} when the file exists and not {@code overwrite}; 400 when the path
     *     is a directory or the volume root
     */
    public long write(VolumePath target, InputStream body, boolean overwrite) throws IOException {
        if (target.isRoot() || Files.isDirectory(target.file(), LinkOption.NOFOLLOW_LINKS)) {
            throw ApiError.invalid("Path '" + target.display() + "' is a directory");
        }
        if (!overwrite && Files.exists(target.file(), LinkOption.NOFOLLOW_LINKS)) {
            throw alreadyExists(target);
        }
        Path parent = target.file().getParent();
        createDirectories(target, parent);
        Path partial = parent.resolve(PARTIAL_PREFIX + UUID.randomUUID());
        try {
            long bytes = Files.copy(body, partial);
            if (overwrite) {
                move(partial, target.file());
            } else {
                try {
                    Files.move(partial, target.file());
                } catch (FileAlreadyExistsException e) {
                    throw alreadyExists(target);
                }
            }
            return bytes;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static ApiError alreadyExists(VolumePath target) {
        return new ApiError(409, "ALREADY_EXISTS", "The file being created already exists: " + target.display());
    }

    /** Creates a directory and its parents inside the volume; a file in the way is 409. */
    public void createDirectories(VolumePath target) throws IOException {
        createDirectories(target, target.file());
    }

    private void createDirectories(VolumePath target, Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new ApiError(409, "RESOURCE_ALREADY_EXISTS", "A file is in the way of directory "
                    + target.display());
        }
        // created by us, or found: either way no link may have appeared on the way since resolve()
        if (!noLinksBetween(target.volumeDir(), dir)) {
            throw ApiError.invalid("Path '" + target.display() + "' leads out of its volume");
        }
    }

    /** The existing regular file at a path. */
    public Path file(VolumePath target) {
        if (!Files.isRegularFile(target.file(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ApiError(404, "NOT_FOUND", Files.isDirectory(target.file(), LinkOption.NOFOLLOW_LINKS)
                    ? "Path " + target.display() + " is a directory, not a file"
                    : "The file " + target.display() + " does not exist");
        }
        return target.file();
    }

    /** Deletes a file. */
    public void deleteFile(VolumePath target) throws IOException {
        Path file = file(target);
        Files.deleteIfExists(file);
    }

    /** The existing directory at a path. */
    public Path directory(VolumePath target) {
        if (!Files.isDirectory(target.file(), LinkOption.NOFOLLOW_LINKS)) {
            throw new ApiError(404, "NOT_FOUND", "The directory " + target.display() + " does not exist");
        }
        return target.file();
    }

    /** Deletes an empty directory (not the volume itself). */
    public void deleteDirectory(VolumePath target) throws IOException {
        Path dir = directory(target);
        if (target.isRoot()) {
            throw ApiError.invalid("The volume root " + target.display() + " cannot be deleted; use DROP VOLUME");
        }
        try {
            Files.delete(dir);
        } catch (DirectoryNotEmptyException e) {
            throw new ApiError(400, "FAILED_PRECONDITION", "The directory " + target.display() + " is not empty");
        } catch (NoSuchFileException e) {
            throw new ApiError(404, "NOT_FOUND", "The directory " + target.display() + " does not exist");
        }
    }

    /** One entry of a directory listing. */
    public record Entry(String path, String name, boolean directory, long size, long lastModified) {
    }

    /** The entries of a directory, sorted by name, without uploads in progress. */
    public List<Entry> list(VolumePath target) throws IOException {
        Path dir = directory(target);
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children.sorted()::iterator) {
                String name = child.getFileName().toString();
                if (name.startsWith(PARTIAL_PREFIX) || Files.isSymbolicLink(child)) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String path = target.display() + "/" + name + (a.isDirectory() ? "/" : "");
                out.add(new Entry(path, name, a.isDirectory(), a.isDirectory() ? 0 : a.size(),
                        a.lastModifiedTime().toMillis()));
            }
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
