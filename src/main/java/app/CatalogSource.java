package app;

/** Where the fleet catalog comes from (a JSON file today, the TenantStackMapping table later). */
public interface CatalogSource {

    /**
     * Loads and validates the whole catalog.
     *
     * @throws CatalogException listing every problem found, never just the first
     */
    FleetCatalog load();

    /** A human-readable name of the source, used as the header of {@link CatalogException}. */
    String describe();
}
