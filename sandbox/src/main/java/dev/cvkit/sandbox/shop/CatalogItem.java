package dev.cvkit.sandbox.shop;

/**
 * A shoe of the Contoso Shoes catalog.
 *
 * @param id       stable id, {@code shoe-001} .. {@code shoe-024}
 * @param name     display name
 * @param brand    brand
 * @param category running, trail, court, street or hiking
 * @param priceUsd price in US dollars
 */
public record CatalogItem(String id, String name, String brand, String category, double priceUsd) {
}
