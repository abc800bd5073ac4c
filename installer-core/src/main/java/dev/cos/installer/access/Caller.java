package dev.cos.installer.access;

/**
 * The user on whose behalf the engine runs: the one pkexec authorized ({@code PKEXEC_UID}).
 *
 * @param uid their user id
 * @param gid their primary group id (what a file the engine creates for them is given)
 * @param name their login name, or "uid N" when the user database does not know it
 * @param knownUser whether the user database knows them (then their supplementary groups count)
 */
public record Caller(int uid, int gid, String name, boolean knownUser) {
}
