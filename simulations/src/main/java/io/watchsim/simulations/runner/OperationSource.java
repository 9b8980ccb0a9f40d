package io.watchsim.simulations.runner;

/**
 * Where a generator's operations come from, one at a time, drawn only when issued: key operations
 * ({@link OperationPicker}) or mount operations ({@link MountOperationPicker}). Not thread-safe.
 *
 * @param <O> the operation: a key call or a mount call
 */
interface OperationSource<O> {
    /** The next operation, with its targets. */
    O next();
}
