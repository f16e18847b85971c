package org.boxrefine.io.coco;

/**
 * One entry of a COCO file's {@code categories}.
 *
 * @param id            the category id annotations refer to
 * @param name          the category name ("" when the file gives none)
 * @param supercategory the supercategory ("" when the file gives none)
 */
public record CocoCategory(long id, String name, String supercategory) {
    public CocoCategory {
        if (name == null || supercategory == null) {
            throw new IllegalArgumentException("category " + id + " needs a name and supercategory (may be empty), found "
                    + name + " and " + supercategory);
        }
    }
}
