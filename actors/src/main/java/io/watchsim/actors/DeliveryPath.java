package io.watchsim.actors;

/**
 * Which actors a record passes between its object and its queue. {@link #DIRECT}, the kernel's own:
 * the object posts each record straight into each watching queue's pipe on its own thread, as Linux
 * does (a message per queue only to a queue known by its actor alone, such as a test's stand-in),
 * with the watch's tag and the setter's post check taken from its watch list; the watch actors own their
 * setting, removal and failure but carry no record. {@link #VIA_WATCH}: the path before issue 15,
 * object to watch actor to queue, one hop more per delivery. It is kept only so that a test can show
 * both paths give every queue the same records, in the same order, with the same loss marks
 * ({@code OneHopEquivalencePropertyTest}); a run never needs it.
 */
public enum DeliveryPath {
    /** Object into each watching queue's pipe: no message per delivery. */
    DIRECT,
    /** Object to watch actor to queue (the earlier path, for comparison only). */
    VIA_WATCH
}
