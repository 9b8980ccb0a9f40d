package io.watchsim.actors;

/**
 * What a synchronous kernel operation's deliveries reached: {@code reached} watches whose records
 * (or removal record) were handed to their queues, by their object on the direct path (each watch
 * counted once per post that reached it); {@code missed} watches that stopped before they could hand
 * them on, which happens only on the path through the watch actors kept for comparison
 * ({@link DeliveryPath#VIA_WATCH}); {@code absent} steps named an object that was not there, so they
 * did nothing. An object that stops before it reports (destroyed by an earlier step, crashed) reached
 * nobody.
 */
public record DeliveryReport(int reached, int missed, int absent) {
    public static final DeliveryReport NOTHING = new DeliveryReport(0, 0, 0);

    /** Reached and missed watches, every step's object present. */
    public DeliveryReport(int reached, int missed) {
        this(reached, missed, 0);
    }
}
