package io.watchsim.sources.keys;

/**
 * The key permission mask of {@code include/linux/key.h}: one byte each for possessor, user,
 * group and other, with view, read, write, search, link and setattr in every byte.
 */
public final class KeyPerm {
    private KeyPerm() {
    }

    public static final int VIEW = 0x01;
    public static final int READ = 0x02;
    public static final int WRITE = 0x04;
    public static final int SEARCH = 0x08;
    public static final int LINK = 0x10;
    public static final int SETATTR = 0x20;
    public static final int ALL = 0x3f;

    public static final int POS_SHIFT = 24;
    public static final int USR_SHIFT = 16;
    public static final int GRP_SHIFT = 8;

    /** user and logon keys, keyrings from add_key: possessor all (logon: no read), user view. */
    public static final int DEFAULT_KEY = 0x3f010000;
    public static final int DEFAULT_LOGON = 0x3d010000;
    /** _tid and _pid keyrings. */
    public static final int PROCESS_KEYRING = 0x3f010000;
    /** An anonymous session keyring (_ses). */
    public static final int ANON_SESSION = 0x3f030000;
    /** A named session keyring made by KEYCTL_JOIN_SESSION_KEYRING. */
    public static final int NAMED_SESSION = 0x3f130000;
    /** _uid.N and _uid_ses.N. */
    public static final int USER_KEYRING = 0x1f3f0000;

    /** Bits a perm mask may hold. */
    public static final int VALID = 0x3f3f3f3f;

    public static int groupBits(int perm) {
        return (perm >>> GRP_SHIFT) & ALL;
    }
}
