package io.watchsim.policies.smack;

/**
 * One Smack access rule: {@code subject} may access {@code object} with the bits of
 * {@code access} ({@link SmackAccess}). An access of 0 is a rule that grants nothing.
 */
public record SmackRule(String subject, String object, int access) {
    public SmackRule {
        SmackLabel.require("subject", subject);
        SmackLabel.require("object", object);
        if ((access & ~SmackAccess.ALL) != 0) {
            throw new IllegalArgumentException(String.format("access 0x%x has bits outside 0x%x", access, SmackAccess.ALL));
        }
    }

    /** Whether the rule holds every bit of {@code request}. */
    public boolean grants(int request) {
        return access != 0 && (request & access) == request;
    }

    /** The rule as smackfs {@code load2} reads it: {@code "Lab Admin rw"}. */
    @Override
    public String toString() {
        return subject + " " + object + " " + SmackAccess.format(access);
    }
}
