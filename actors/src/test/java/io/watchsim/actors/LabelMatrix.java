package io.watchsim.actors;

import io.watchsim.policies.Credentials;
import io.watchsim.policies.Decision;
import io.watchsim.policies.SecuredObject;
import io.watchsim.policies.SecurityModule;
import io.watchsim.queues.Errno;
import io.watchsim.queues.record.Notification;

import java.util.Set;

/**
 * A test policy: a set of "subject>object" pairs that may talk. Watch hooks need setter>object
 * label, the post hook needs generator>watcher label; meta records and system sources pass.
 */
record LabelMatrix(String name, Set<String> allowed) implements SecurityModule {
    LabelMatrix {
        allowed = Set.copyOf(allowed);
    }

    boolean allows(String subject, String object) {
        return allowed.contains(subject + ">" + object);
    }

    @Override
    public Decision watchKey(Credentials setter, SecuredObject key) {
        return allows(setter.label(), key.label()) ? Decision.allow()
                : Decision.deny(Errno.EACCES, name, setter.label() + " may not watch " + key.label());
    }

    @Override
    public Decision postNotification(Credentials watcher, Credentials generator, Notification n) {
        if (generator == null || allows(generator.label(), watcher.label())) {
            return Decision.allow();
        }
        return Decision.deny(Errno.EACCES, name, generator.label() + " may not notify " + watcher.label());
    }
}
