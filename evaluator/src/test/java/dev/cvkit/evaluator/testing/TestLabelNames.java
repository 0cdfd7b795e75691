package dev.cvkit.evaluator.testing;

import dev.cvkit.evaluator.stats.LabelNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A minimal label-id registry for tests, independent of the readers' symbol tables: ids in order of first use. */
public final class TestLabelNames implements LabelNames {

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    @Override
    public int size() {
        return names.size();
    }

    @Override
    public String name(int labelId) {
        return names.get(labelId);
    }

    @Override
    public int intern(String name) {
        return ids.computeIfAbsent(name, n -> {
            names.add(n);
            return names.size() - 1;
        });
    }
}
