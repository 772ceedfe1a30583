package io.github.catalogrollback.cli;

import io.github.catalogrollback.catalog.Direction;
import io.github.catalogrollback.safety.Backup;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Moves the catalog up to a newer version, with the same guarantees as a rollback. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Upgrades the catalog to a newer version (catalog-rollback upgrade --to-version 48) in one transaction,"
                + " as the newer Hasura release would on its first start.",
            "The same checks, lock and history handling as a rollback; --restore-from puts back what a rollback backed up.",
            "Source catalogs below what the target ships are raised to it (never lowered)."})
final class UpgradeCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    TargetOptions target;

    @Option(names = "--dry-run", description = "Rehearse inside the transaction, print the exact SQL, then roll back.")
    boolean dryRun;

    @Option(names = "--restore-from", paramLabel = "RUN", converter = RunId.class,
            description = "After the upgrade, put back what the downgrade run RUN dropped and backed up (its run id, as"
                    + " `catalog-rollback history` shows it), where the catalog has those tables and columns again.")
    String restoreFrom;

    @Mixin
    SafetyOptions safety;

    @Mixin
    SourceOptions sources;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    ExitOptions exit;

    /** A run id as `catalog-rollback history` shows it (case does not matter); anything else is a usage error. */
    static final class RunId implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String id = value.strip().toLowerCase(Locale.ROOT);
            if (!Backup.isRunId(id)) {
                throw new TypeConversionException("'" + value + "' is not a run id (like 20261126t101500z_3fa1; `catalog-rollback"
                        + " history` lists the runs and their backups)");
            }
            return id;
        }
    }

    UpgradeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Moves.move(context, Direction.UP, target, dryRun, safety, Optional.ofNullable(restoreFrom), sources, connection, output, exit);
    }
}
