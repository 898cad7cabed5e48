package dev.sluice.warehouse.catalog;

/** Hands the catalog registry to the parser extension, which Spark instantiates by class name. */
public final class UcInstall {

    private UcInstall() {
    }

    public static void install(CatalogRegistry registry) {
        UcParser.install(registry);
        ReadFiles.install(registry);
    }
}
