package io.watchsim.actors;

/**
 * What a synchronous kernel operation's deliveries reached: {@code reached} watches handed their
 * records (or their removal record) to their queues; {@code missed} watches or objects stopped
 * before they could (a queue that crashed, an object destroyed by an earlier step), so those
 * records went nowhere; {@code absent} steps named an object that was not there, so they did
 * nothing. Every watch an object fanned out to is counted in exactly one of the first two.
 */
public record DeliveryReport(int reached, int missed, int absent) {
    public static final DeliveryReport NOTHING = new DeliveryReport(0, 0, 0);

    /** Reached and missed watches, every step's object present. */
    public DeliveryReport(int reached, int missed) {
        this(reached, missed, 0);
    }
}
