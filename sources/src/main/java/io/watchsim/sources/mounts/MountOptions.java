package io.watchsim.sources.mounts;

import io.watchsim.policies.selinux.SecurityContext;
import io.watchsim.policies.smack.SmackLabel;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

/**
 * The option words a new mount takes: its attributes ({@link MountAttr}) and the security label of
 * its new superblock, as the LSM's mount options give it: {@code smackfsdef=LABEL} (Smack: the label
 * of the filesystem's files) or {@code context=CONTEXT} (SELinux: the context of the filesystem and
 * of every file in it). WatchSim keeps one label per superblock, which the engine in force reads as
 * its own kind of label (a Smack label, an SELinux context), and gives directories none of their own:
 * a watched directory has its filesystem's label.
 *
 * @param attrs the attribute words, applied in order
 * @param label the label an option gave, or null
 * @param smack whether it came from a Smack option (which needs CAP_MAC_ADMIN)
 */
record MountOptions(MountAttr.Change attrs, String label, boolean smack) {
    static final String SMACK_DEFAULT = "smackfsdef=";
    static final String SELINUX_CONTEXT = "context=";

    static final MountOptions NONE = new MountOptions(MountAttr.NONE, null, false);

    /**
     * A comma list of option words (or an empty string): EINVAL for an unknown word, for a label
     * Smack or SELinux cannot take (Smack's smk_import_entry(), SELinux's context parsing), or for
     * two label options. An SELinux context with an MLS category list ({@code c0,c1}) cannot be
     * given here, since the comma splits it.
     */
    static MountOptions parse(String options) {
        if (options.isEmpty()) {
            return NONE;
        }
        MountAttr.Change attrs = MountAttr.NONE;
        String label = null;
        boolean smack = false;
        for (String word : options.split(",", -1)) {
            String given = null;
            if (word.startsWith(SMACK_DEFAULT)) {
                given = word.substring(SMACK_DEFAULT.length());
                if (!SmackLabel.isValid(given)) {
                    throw new ErrnoException(Errno.EINVAL, "'" + word + "': '" + given + "' is no Smack label; expected "
                            + SmackLabel.EXPECTED);
                }
                smack = true;
            } else if (word.startsWith(SELINUX_CONTEXT)) {
                given = word.substring(SELINUX_CONTEXT.length());
                if (SecurityContext.tryParse(given).isEmpty()) {
                    throw new ErrnoException(Errno.EINVAL, "'" + word + "': '" + given + "' is no security context; "
                            + "expected user:role:type[:level]");
                }
            } else {
                attrs = attrs.then(MountAttr.parse(word));
                continue;
            }
            if (label != null) {
                throw new ErrnoException(Errno.EINVAL, "'" + options + "' gives the filesystem a label twice; "
                        + "one of " + SMACK_DEFAULT + "LABEL or " + SELINUX_CONTEXT + "CONTEXT, once");
            }
            label = given;
        }
        return new MountOptions(attrs, label, smack);
    }
}
