package io.watchsim.policies;

/** The default: no LSM; every hook allows. */
public final class PermissiveModule implements SecurityModule {
    public static final PermissiveModule INSTANCE = new PermissiveModule();

    private PermissiveModule() {
    }

    @Override
    public String name() {
        return "permissive";
    }

    @Override
    public boolean postDecidedByType() {
        return true;
    }
}
