package org.boxrefine.synth;

import java.util.List;
import org.boxrefine.geom.BoxPx;
import org.boxrefine.image.RgbImage;

/**
 * A synthetic image and its objects, in painting order (a later object occludes an earlier one).
 *
 * @param image      the rendered image, pixel noise included
 * @param objects    the objects, at least one; their masks are disjoint and image-sized
 * @param background how the background was painted
 */
public record Scene(RgbImage image, List<SceneObject> objects, BackgroundKind background) {

    public Scene {
        if (image == null || objects == null || background == null) {
            throw new IllegalArgumentException("scene needs an image, objects and a background kind, found image="
                    + image + ", objects=" + objects + ", background=" + background);
        }
        objects = List.copyOf(objects);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("scene needs at least one object, found none");
        }
        for (SceneObject o : objects) {
            if (o.mask().widthPx() != image.widthPx() || o.mask().heightPx() != image.heightPx()) {
                throw new IllegalArgumentException("object masks must have the image's size " + image.widthPx()
                        + "x" + image.heightPx() + ", found " + o.mask().widthPx() + "x" + o.mask().heightPx());
            }
        }
    }

    public int widthPx() {
        return image.widthPx();
    }

    public int heightPx() {
        return image.heightPx();
    }

    /** The tight boxes, in object order. */
    public List<BoxPx> tightBoxes() {
        return objects.stream().map(SceneObject::tightBox).toList();
    }

    /** The loose boxes, in object order. */
    public List<BoxPx> looseBoxes() {
        return objects.stream().map(SceneObject::looseBox).toList();
    }
}
