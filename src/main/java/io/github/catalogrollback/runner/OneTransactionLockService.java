package io.github.catalogrollback.runner;

import liquibase.database.Database;
import io.github.catalogrollback.safety.ToolSchema;
import liquibase.exception.LockException;
import liquibase.lockservice.StandardLockService;

/**
 * Liquibase's lock as a run sees it. The run already holds its advisory lock, and {@link LiquibaseSession} has already
 * either cleared a stale lock row or refused because a stock Liquibase process holds it, so the row is free: this
 * service takes it once, inside the run's one transaction, and never waits. Stock Liquibase's own service would poll
 * for five minutes and print "Waiting for changelog lock" on stdout through a console it opens itself.
 * <p>
 * Registered by every {@link LiquibaseSession} (Liquibase's factory forgets it on every reset) with a higher priority than
 * Liquibase's, for the run's connection only:
 * stock Liquibase commands in the same JVM keep the standard service. Public with a public constructor because
 * Liquibase instantiates it by reflection.
 */
public final class OneTransactionLockService extends StandardLockService {

    public OneTransactionLockService() {
        super();
    }

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        return database.getConnection() instanceof OneTransactionConnection;
    }

    @Override
    public void waitForLock() throws LockException {
        if (!acquireLock()) {
            throw new LockException("Liquibase's lock (" + ToolSchema.NAME + ".databasechangeloglock) was taken while"
                    + " the run held it; the run does not wait for it");
        }
    }
}
