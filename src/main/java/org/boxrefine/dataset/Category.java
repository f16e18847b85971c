package org.boxrefine.dataset;

/**
 * One class of a data set's category table: the id tags refer to and its name.
 *
 * @param id   the category id ({@link Tag#categoryId()}); YOLO class indices are kept as they are, from 0
 * @param name the class name as the input spells it (never null, may be empty when the input has none)
 */
public record Category(long id, String name) {
    public Category {
        if (name == null) {
            throw new IllegalArgumentException("category " + id + " needs a name (may be empty), found null");
        }
    }
}
