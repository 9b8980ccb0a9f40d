package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.Hook;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.record.Notification;

/**
 * The LSM post hook for one watch and one generator under one policy snapshot, handed to the
 * queue with each record so that the queue asks it after its filter, as the kernel does.
 *
 * <p>For a burst, when the module's decision depends only on the record type (Smack, SELinux,
 * permissive), the hook is decided once per type and the burst's checks are counted with one
 * addition; each record is still counted as a check, and each denied record still audited.
 *
 * @param snapshot  the policy in force when the event passed the policy actor
 * @param watcher   the credentials of whoever set the watch
 * @param generator the event generator's credentials, or null for a system source
 */
public record PostAuthorization(PolicySnapshot snapshot, Credentials watcher, Credentials generator)
        implements PostCheck {
    @Override
    public boolean allows(Notification record) {
        return snapshot.checkPost(watcher, generator, record).allowed();
    }

    @Override
    public Burst forBurst() {
        return snapshot.module().postDecidedByType() ? new TypeDecidedBurst(this) : PostCheck.super.forBurst();
    }

    /** One burst's checks: decided once per record type, counted at the end. Single-owner. */
    private static final class TypeDecidedBurst implements Burst {
        private final PostAuthorization auth;
        private int lastType = -1;
        private Decision lastDecision;
        private long checked;
        private long denied;

        TypeDecidedBurst(PostAuthorization auth) {
            this.auth = auth;
        }

        @Override
        public boolean allows(Notification record) {
            int type = record.type();
            Decision d = lastDecision;
            if (type != lastType || d == null) {
                d = auth.snapshot.decidePost(auth.watcher, auth.generator, record);
                lastType = type;
                lastDecision = d;
            }
            checked++;
            if (!d.allowed()) {
                denied++;
                auth.snapshot.metrics().auditPostDenial(d, auth.watcher, auth.generator, record);
            }
            return d.allowed();
        }

        @Override
        public void finish() {
            auth.snapshot.metrics().countPosts(checked, denied);
            auth.snapshot.metrics().countDenials(Hook.POST_NOTIFICATION,
                    auth.generator == null ? "" : auth.generator.label(), auth.watcher.label(), denied);
        }
    }
}
