package dev.sluice.warehouse.catalog;

import dev.sluice.warehouse.volumes.VolumeLinks;
import dev.sluice.warehouse.volumes.VolumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Unity Catalog catalogs of the warehouse. Spark knows nothing of them: they are kept in a small file
 * next to the tables ({@code catalogs.tsv}: name, comment, creation time) and their schemas are the
 * Spark databases named {@code catalog__schema}.
 */
public final class CatalogRegistry {

    /** What Unity Catalog reports about a catalog. */
    public record CatalogInfo(String name, String comment, long createdAt) {
    }

    private final Path file;
    private final Map<String, CatalogInfo> catalogs = new ConcurrentSkipListMap<>();
    private final VolumeStore volumes;
    private final VolumeLinks volumeLinks = new VolumeLinks();

    public CatalogRegistry(Path warehouseDir) {
        this.file = warehouseDir.resolve("catalogs.tsv");
        this.volumes = new VolumeStore(warehouseDir);
        load();
        catalogs.putIfAbsent(UcNames.DEFAULT_CATALOG,
                new CatalogInfo(UcNames.DEFAULT_CATALOG, "Main catalog (local warehouse)", System.currentTimeMillis()));
        save();
    }

    /** The volumes of the catalogs, under the warehouse directory. */
    public VolumeStore volumes() {
        return volumes;
    }

    /** The signer of pre-signed volume links (volume SQL commands and the Files API's create-*-url). */
    public VolumeLinks volumeLinks() {
        return volumeLinks;
    }

    public boolean exists(String catalog) {
        String c = UcNames.normalizeCatalog(catalog);
        return catalogs.containsKey(c) || c.equals(UcNames.SYSTEM_CATALOG);
    }

    public CatalogInfo get(String catalog) {
        String c = UcNames.normalizeCatalog(catalog);
        if (c.equals(UcNames.SYSTEM_CATALOG)) {
            return new CatalogInfo(c, "System catalog (information_schema over every catalog)", 0);
        }
        CatalogInfo info = catalogs.get(c);
        if (info == null) {
            throw WarehouseSqlError.noSuchCatalog(catalog);
        }
        return info;
    }

    /** Catalog names in order, {@code system} included as Databricks lists it. */
    public List<String> names() {
        List<String> out = new ArrayList<>(catalogs.keySet());
        out.add(UcNames.SYSTEM_CATALOG);
        out.sort(null);
        return out;
    }

    /** Adds a catalog found through its databases (tables copied in from another warehouse directory). */
    public void adoptFrom(ExternalCatalog spark) {
        for (String db : CollectionConverters.asJava(spark.listDatabases())) {
            String[] parts = UcNames.split(db);
            if (parts != null && !catalogs.containsKey(parts[0])) {
                catalogs.put(parts[0], new CatalogInfo(parts[0], null, System.currentTimeMillis()));
            }
        }
        save();
    }

    public synchronized boolean create(String catalog, String comment, boolean ifNotExists) {
        String c = UcNames.normalizeCatalog(catalog);
        if (!UcNames.isValidCatalogName(c) || c.equals(UcNames.SYSTEM_CATALOG)) {
            throw new WarehouseSqlError("INVALID_SCHEMA_OR_RELATION_NAME", "42602",
                    "'" + catalog + "' is not a valid catalog name (it may not contain '" + UcNames.SEPARATOR
                            + "', '.' or '/').");
        }
        if (catalogs.containsKey(c)) {
            if (ifNotExists) {
                return false;
            }
            throw new WarehouseSqlError("CATALOG_ALREADY_EXISTS", "42000",
                    "Catalog '" + c + "' already exists.");
        }
        catalogs.put(c, new CatalogInfo(c, comment, System.currentTimeMillis()));
        save();
        return true;
    }

    public synchronized void remove(String catalog) {
        catalogs.remove(UcNames.normalizeCatalog(catalog));
        save();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length >= 3 && !f[0].isEmpty()) {
                    catalogs.put(f[0], new CatalogInfo(f[0], f[1].isEmpty() ? null : unescape(f[1]), Long.parseLong(f[2])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the catalog list " + file + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        StringBuilder b = new StringBuilder();
        for (CatalogInfo c : new TreeMap<>(catalogs).values()) {
            b.append(c.name()).append('\t').append(c.comment() == null ? "" : escape(c.comment()))
                    .append('\t').append(c.createdAt()).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("catalogs.tsv.tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog list " + file, e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
