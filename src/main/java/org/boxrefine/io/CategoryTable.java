package org.boxrefine.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boxrefine.dataset.Category;

/** Category ids for formats that name classes but number none (VOC, LabelMe): ids from 1 in order of first use. */
public final class CategoryTable {
    private final Map<String, Long> ids = new LinkedHashMap<>();

    /** The id of a class name, given the next free id on its first use. */
    public long idOf(String name) {
        return ids.computeIfAbsent(name, n -> ids.size() + 1L);
    }

    /** The table so far, in order of first use. */
    public List<Category> categories() {
        List<Category> out = new ArrayList<>();
        ids.forEach((name, id) -> out.add(new Category(id, name)));
        return out;
    }
}
