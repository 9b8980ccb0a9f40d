package io.watchsim.sources.mounts;

import io.watchsim.policies.selinux.SecurityContext;
import io.watchsim.policies.smack.SmackLabel;
import io.watchsim.queues.Errno;
import io.watchsim.queues.ErrnoException;

/**
 * The option words a new mount takes: its attributes ({@link MountAttr}) and the security label of
 * its new superblock, as the kernel's LSMs take it: {@code smackfsdef=LABEL} (Smack: the label of the
 * filesystem's files) or {@code context=CONTEXT} (SELinux: the context of the filesystem and of every
 * file in it), each only in a kernel whose LSMs take it ({@code SecurityModule.mountLabelOptions()};
 * elsewhere it is an unknown option, EINVAL). WatchSim keeps one label per superblock, which the
 * engines read as their own kind of label, and gives directories none of their own: a watched
 * directory has its filesystem's label.
 *
 * @param attrs the attribute words, applied in order
 * @param label the label an option gave, or null
 * @param smack whether it came from a Smack option (which needs CAP_MAC_ADMIN)
 */
record MountOptions(MountAttr.Change attrs, String label, boolean smack) {
    static final String SMACK_DEFAULT = "smackfsdef";
    static final String SELINUX_CONTEXT = "context";

    static final MountOptions NONE = new MountOptions(MountAttr.NONE, null, false);

    /**
     * A comma list of option words (or an empty string), in a kernel whose LSMs take the label
     * options {@code labelOptions}: EINVAL for an unknown word, for a label Smack or SELinux cannot
     * take (Smack's smk_import_entry(), SELinux's context parsing), or for two label options. An
     * SELinux context with an MLS category list ({@code c0,c1}) cannot be given here, since the comma
     * splits it.
     */
    static MountOptions parse(String options, java.util.Set<String> labelOptions) {
        if (options.isEmpty()) {
            return NONE;
        }
        MountAttr.Change attrs = MountAttr.NONE;
        String label = null;
        boolean smack = false;
        for (String word : options.split(",", -1)) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (!labelOptions.contains(name)) {
                attrs = attrs.then(MountAttr.parse(word));   // EINVAL for a word no one takes
                continue;
            }
            String given = eq < 0 ? "" : word.substring(eq + 1);
            if (name.equals(SMACK_DEFAULT)) {
                if (!SmackLabel.isValid(given)) {
                    throw new ErrnoException(Errno.EINVAL, "'" + word + "': '" + given + "' is no Smack label; expected "
                            + SmackLabel.EXPECTED);
                }
                smack = true;
            } else if (SecurityContext.tryParse(given).isEmpty()) {
                throw new ErrnoException(Errno.EINVAL, "'" + word + "': '" + given + "' is no security context; "
                        + "expected user:role:type[:level]");
            }
            if (label != null) {
                throw new ErrnoException(Errno.EINVAL, "'" + options + "' gives the filesystem a label twice; "
                        + "one of " + SMACK_DEFAULT + "=LABEL or " + SELINUX_CONTEXT + "=CONTEXT, once");
            }
            label = given;
        }
        return new MountOptions(attrs, label, smack);
    }
}
