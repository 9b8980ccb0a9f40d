package io.watchsim.sources.mounts;

/**
 * The bugs of the ver #5 mount and superblock code that WatchSim can reproduce on request
 * ({@link V5Bugs}); by default it does what the code was meant to do. See docs/KERNEL-BEHAVIOUR.md,
 * "Known kernel bugs and how WatchSim treats them".
 */
public enum V5Bug {
    /**
     * watch_mount and watch_sb jump to their exit with the return value still 0 when the queue
     * descriptor is no notification pipe: the call "succeeds" and sets nothing. Meant: EINVAL.
     */
    BAD_QUEUE_RETURNS_ZERO,
    /**
     * set_mount_attributes() computes SETATTR's IS_NOW_RO as {@code mnt_flags & SB_RDONLY}; SB_RDONLY
     * is 1, which among mount flags is MNT_NOSUID, so the flag reports nosuid. Meant: read-only.
     */
    SETATTR_FLAG_FROM_NOSUID,
    /**
     * A mount watch's id is the kernel address of its dentry, and an explicitly removed mount watch's
     * removal record carries it. Meant: an id that names the directory and leaks no address.
     */
    DENTRY_ADDRESS_IN_REMOVAL,
    /**
     * watch_sb stores the tag shifted by 24 (the top byte of info) instead of 8, and the per-watch
     * rewrite of post_watch_notification() clears only bits 8..15, so the tags of the superblock's
     * watches visited so far (newest first) OR together in the top byte of each copy of a post, and
     * bits 8..15 stay 0; the removal record of such a watch carries its own tag in the top byte, as
     * remove_watch_from_object() copies the watch's {@code info_id}. Meant: the tag in bits 8..15.
     */
    SB_TAG_IN_TOP_BYTE,
    /**
     * watch_sb passes {@code at_flags} to the path lookup instead of the lookup flags it computed:
     * no LOOKUP_DIRECTORY (a regular file is accepted, then fails the search permission check) and
     * no LOOKUP_EMPTY (AT_EMPTY_PATH with an empty path is ENOENT). Meant: as watch_mount.
     */
    SB_AT_FLAGS_AS_LOOKUP_FLAGS,
    /**
     * post_mount_notification() walks rootward without rename_lock first ({@code
     * read_seqbegin_or_lock()}, posting as it goes) and, when a rename moved an entry meanwhile
     * ({@code need_seqretry()}), walks again from the trigger mount's root with the lock held: what
     * the first pass posted stays posted, so every watch both passes reach gets the record twice
     * (first-pass copies first, in walk order, then the second pass's), and the subtree counters of
     * the mounts both passes step into grow twice. Meant: one record per watch on the walk's final
     * path, each counter once. Shown with a {@link RacingRename}.
     */
    RENAME_RETRY_DUPLICATES
}
