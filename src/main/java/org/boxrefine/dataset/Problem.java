package org.boxrefine.dataset;

import java.util.List;

/**
 * Something wrong with the input, found while reading annotations or loading images: what it concerns (file,
 * image id, annotation ids), why, and whether the image or boxes were skipped or only repaired.
 *
 * @param reason        what kind of problem, used to group the run's summary
 * @param message       one line naming the file, the image or annotation id and the reason
 * @param imageId       the image concerned, or null when the problem is not about one image
 * @param annotationIds the annotations skipped or repaired because of it (may be empty)
 */
public record Problem(Reason reason, String message, Long imageId, List<Long> annotationIds) {
    public Problem {
        if (reason == null || message == null || message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a reason and a message, found " + reason + ", "
                    + message);
        }
        annotationIds = List.copyOf(annotationIds);
    }

    /** Whether something (an image or a box) was left out because of it; otherwise it is only a warning. */
    public boolean skips() {
        return reason.skips();
    }

    /** Why an input was skipped or repaired; each reason either always skips or never does. */
    public enum Reason {
        /** An image entry without a usable id or file name, or a duplicate image id. */
        IMAGE_ENTRY("unusable image entry (no id, no file name or a duplicate id)", true),
        /** The image file is missing, empty, truncated, corrupt or not in a supported format. */
        IMAGE_FILE("image file missing, empty, corrupt or in an unsupported format", true),
        /** The image needs more memory than the Java heap has left. */
        IMAGE_MEMORY("image too large for the memory available (raise -Xmx)", true),
        /**
         * Refining the image, writing its outputs or making its training labels failed with an unexpected error (a
         * defect: please report it with the message).
         */
        IMAGE_PROCESSING("unexpected error while processing the image (please report it)", true),
        /** The image's size differs from the size the annotations declare. */
        IMAGE_SIZE("image size differs from the annotations", true),
        /** An annotation without an integer id. */
        MISSING_ID("annotation without an integer id", true),
        /** An annotation whose id an earlier annotation already has. */
        DUPLICATE_ID("duplicate annotation id", true),
        /** An annotation naming an image that is not in the file. */
        UNKNOWN_IMAGE("annotation on an unknown image id", true),
        /** An annotation without a usable category id. */
        BAD_CATEGORY("annotation without an integer category id", true),
        /** A box that is missing, not four finite numbers, or of zero or negative width or height. */
        BAD_BOX("box missing, not numeric, or of zero or negative size", true),
        /** A box with no pixel centre of its image inside (wholly outside it, or thinner than a pixel). */
        BOX_OUTSIDE("box outside its image, or holding no pixel centre", true),
        /** A box reaching beyond its image, cut to the image (kept). */
        BOX_CLIPPED("box clipped to its image", false),
        /** Anything else that was repaired or ignored without losing a box. */
        OTHER_WARNING("other warning", false);

        private final String label;
        private final boolean skips;

        Reason(String label, boolean skips) {
            this.label = label;
            this.skips = skips;
        }

        /** A short description for summaries. */
        public String label() {
            return label;
        }

        public boolean skips() {
            return skips;
        }
    }
}
