package io.github.catalogrollback.cli;

import io.github.catalogrollback.runner.RunFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every exit code of catalog-rollback, with what it means; --help lists them from here. */
public enum ExitCode {
    DONE(0, "done", "done, or nothing to do (already at the target), or, with --dry-run, the rehearsal succeeded and was rolled back"),
    INTERNAL_ERROR(1, "internal-error", "internal error: a bug in catalog-rollback (rerun with --stacktrace and report it)"),
    USAGE(2, "usage", "usage error: unknown command or option, missing target, bad option value, malformed database URL"),
    NOTHING_TO_DO(3, "nothing-to-do", "with --detailed-exitcode only: nothing to do, the catalog and every source catalog are already at the target"),
    REFUSED(4, "refused", "refused before changing anything: unknown version or release, no/unknown/newer catalog, wrong direction,"
            + " real drift, foreign objects the path would destroy, Hasura running, missing privileges, a tool schema or object owned"
            + " by another role, metadata v1 cannot hold"),
    LOCKED(5, "locked", "locked: another catalog-rollback run, a stock Liquibase run, or (for status, plan, verify, history)"
            + " another session held a lock past --lock-timeout; nothing changed"),
    ROLLED_BACK(6, "rolled-back", "a step or a check failed and the whole run was rolled back; nothing changed (source databases"
            + " that committed before the metadata database stay moved; the message names them)"),
    CONNECTION(7, "connection-failed", "cannot connect or authenticate (to the metadata database or a source database); nothing changed"),
    DRIFT(8, "drift", "verify: objects of the catalog are missing or different from the shape its version must have (real drift)"),
    INTERRUPTED(143, "interrupted", "stopped by SIGTERM (Ctrl-C gives 130) before COMMIT: the whole run was rolled back, nothing changed");

    private final int code;
    private final String outcome;
    private final String meaning;

    ExitCode(int code, String outcome, String meaning) {
        this.code = code;
        this.outcome = outcome;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** The word --output json prints as "outcome" when a command ends with this code. */
    public String outcome() {
        return outcome;
    }

    public String meaning() {
        return meaning;
    }

    public static ExitCode of(RunFailure.Kind kind) {
        return switch (kind) {
            case USAGE -> USAGE;
            case REFUSED -> REFUSED;
            case LOCKED -> LOCKED;
            case ROLLED_BACK -> ROLLED_BACK;
            case CONNECTION -> CONNECTION;
        };
    }

    /** The exit-code list picocli shows in --help. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode e : values()) {
            list.put(Integer.toString(e.code), e.meaning);
        }
        return list;
    }
}
