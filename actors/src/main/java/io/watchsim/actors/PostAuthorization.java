package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.PolicySnapshot;
import io.watchsim.queues.PostCheck;
import io.watchsim.queues.record.Notification;

/**
 * The LSM post hook for one watch and one generator under one policy snapshot, handed to the
 * queue with each record so that the queue asks it after its filter, as the kernel does.
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
}
