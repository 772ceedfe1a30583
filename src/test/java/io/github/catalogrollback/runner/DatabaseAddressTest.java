package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DatabaseAddressTest {

    @Test
    void parsesHasurasPostgresUrl() {
        DatabaseAddress a = DatabaseAddress.parse("postgres://hasura:s3cr%40t@db.internal:6432/meta?sslmode=require", null);
        assertEquals("db.internal", a.host());
        assertEquals(6432, a.port());
        assertEquals("meta", a.database());
        assertEquals("hasura", a.user());
        assertEquals("s3cr@t", a.password(), "percent-encoded password is decoded");
        assertEquals("jdbc:postgresql://db.internal:6432/meta?sslmode=require", a.jdbcUrl(), "TLS parameters pass through");
    }

    @Test
    void parsesJdbcUrlWithCredentialsInTheQuery() {
        DatabaseAddress a = DatabaseAddress.parse("jdbc:postgresql://localhost/hasura?user=admin&password=pw&sslrootcert=/ca.pem", null);
        assertEquals(5432, a.port(), "default port");
        assertEquals("admin", a.user());
        assertEquals("pw", a.password());
        assertEquals("jdbc:postgresql://localhost:5432/hasura?sslrootcert=%2Fca.pem", a.jdbcUrl(), "credentials leave the URL");
    }

    @Test
    void passwordFallsBackToPgpassword() {
        assertEquals("fromenv", DatabaseAddress.parse("postgresql://u@h/d", "fromenv").password());
        assertEquals("inurl", DatabaseAddress.parse("postgresql://u:inurl@h/d", "fromenv").password());
    }

    @Test
    void neverShowsThePassword() {
        DatabaseAddress a = DatabaseAddress.parse("postgres://hasura:TopSecret99@db:5432/meta", null);
        assertEquals("database meta on db:5432 as hasura", a.describe());
        assertFalse(a.toString().contains("TopSecret99"), "toString hides the password");
        assertFalse(a.jdbcUrl().contains("TopSecret99"), "the JDBC URL carries no password");
        assertEquals("FATAL: *** rejected", a.redact("FATAL: TopSecret99 rejected"));
    }

    @Test
    void rejectsWhatIsNotAPostgresUrlWithoutEchoingIt() {
        RunFailure f = assertThrows(RunFailure.class, () -> DatabaseAddress.parse("mysql://root:hunter2@db/x", null));
        assertEquals(RunFailure.Kind.USAGE, f.kind());
        assertFalse(f.getMessage().contains("hunter2"), "the message does not repeat the URL");
        assertEquals(RunFailure.Kind.USAGE, assertThrows(RunFailure.class, () -> DatabaseAddress.parse("  ", null)).kind());
        assertEquals(RunFailure.Kind.USAGE, assertThrows(RunFailure.class,
                () -> DatabaseAddress.parse("postgres://u:p@h:99999/d", null)).kind(), "port out of range");
    }
}
