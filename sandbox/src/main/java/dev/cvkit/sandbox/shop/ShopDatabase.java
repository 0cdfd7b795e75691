package dev.cvkit.sandbox.shop;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shop's data, shared by both stamps the way a multi-region database (Cosmos DB with multi-region
 * writes) would be: the catalog, ratings, and comments with their processing status. Thread-safe. Memory is
 * bounded: each item keeps its latest {@value #COMMENTS_PER_ITEM} visible comments, and the status of the
 * latest {@value #TRACKED_COMMENTS} comments is remembered.
 */
public final class ShopDatabase {

    /** Visible comments kept per item (older ones drop out of the listing). */
    public static final int COMMENTS_PER_ITEM = 200;
    /** Comments whose status ({@code queued}/{@code visible}) is remembered. */
    public static final int TRACKED_COMMENTS = 200_000;

    /** A comment. {@code visibleAt} is null while it waits for the background worker. */
    public record Comment(String commentId, String itemId, String author, String text, Instant postedAt, Instant visibleAt,
            String postedVia) {
    }

    /** An item's ratings: count and average stars. */
    public record Rating(long count, double average) {
    }

    private static final String[] BRANDS = {"Contoso", "Fabrikam", "Northwind", "Tailspin"};
    private static final String[] MODELS = {"Runner", "Trail Blazer", "Court Ace", "Street Glide", "Summit Hiker", "Sprinter"};
    private static final String[] CATEGORIES = {"running", "trail", "court", "street", "hiking", "running"};

    private final List<CatalogItem> catalog;
    private final Map<String, CatalogItem> itemsById;
    private final Map<String, long[]> ratings = new ConcurrentHashMap<>();
    private final Map<String, Deque<Comment>> visibleComments = new ConcurrentHashMap<>();
    private final Map<String, Comment> commentsById = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Comment> eldest) {
            return size() > TRACKED_COMMENTS;
        }
    });
    private final AtomicLong commentSequence = new AtomicLong();

    public ShopDatabase() {
        List<CatalogItem> items = new ArrayList<>();
        int n = 0;
        for (int b = 0; b < BRANDS.length; b++) {
            for (int m = 0; m < MODELS.length; m++) {
                n++;
                double price = 49.0 + ((n * 37) % 120) + 0.99;
                items.add(new CatalogItem(String.format(Locale.ROOT, "shoe-%03d", n), BRANDS[b] + " " + MODELS[m], BRANDS[b], CATEGORIES[m], price));
            }
        }
        catalog = List.copyOf(items);
        Map<String, CatalogItem> byId = new LinkedHashMap<>();
        catalog.forEach(i -> byId.put(i.id(), i));
        itemsById = Map.copyOf(byId);
        catalog.forEach(i -> {
            ratings.put(i.id(), new long[2]);
            visibleComments.put(i.id(), new ArrayDeque<>());
        });
    }

    public List<CatalogItem> catalog() {
        return catalog;
    }

    /** The item, or null. */
    public CatalogItem item(String id) {
        return itemsById.get(id);
    }

    /** Adds a rating of 1..5 stars; returns the item's ratings after it. */
    public Rating rate(String itemId, int stars) {
        long[] sumAndCount = ratings.get(itemId);
        synchronized (sumAndCount) {
            sumAndCount[0] += stars;
            sumAndCount[1]++;
            return new Rating(sumAndCount[1], (double) sumAndCount[0] / sumAndCount[1]);
        }
    }

    public Rating rating(String itemId) {
        long[] sumAndCount = ratings.get(itemId);
        synchronized (sumAndCount) {
            return new Rating(sumAndCount[1], sumAndCount[1] == 0 ? 0 : (double) sumAndCount[0] / sumAndCount[1]);
        }
    }

    /** Records a new comment, not yet visible; returns it with its id. */
    public Comment addPendingComment(String itemId, String author, String text, String postedVia) {
        String id = String.format(Locale.ROOT, "c-%08d", commentSequence.incrementAndGet());
        Comment comment = new Comment(id, itemId, author, text, Instant.now(), null, postedVia);
        commentsById.put(id, comment);
        return comment;
    }

    /** Makes a pending comment visible (the background worker's job). */
    public Comment publish(Comment pending) {
        Comment visible = new Comment(pending.commentId(), pending.itemId(), pending.author(), pending.text(), pending.postedAt(),
                Instant.now(), pending.postedVia());
        commentsById.put(visible.commentId(), visible);
        Deque<Comment> list = visibleComments.get(pending.itemId());
        synchronized (list) {
            list.addFirst(visible);
            while (list.size() > COMMENTS_PER_ITEM) {
                list.removeLast();
            }
        }
        return visible;
    }

    /** A comment by id (pending or visible), or null when unknown or forgotten. */
    public Comment comment(String commentId) {
        return commentsById.get(commentId);
    }

    /** Visible comments of an item, newest first, at most {@code limit}. */
    public List<Comment> visibleComments(String itemId, int limit) {
        Deque<Comment> list = visibleComments.get(itemId);
        synchronized (list) {
            return list.stream().limit(limit).toList();
        }
    }
}
