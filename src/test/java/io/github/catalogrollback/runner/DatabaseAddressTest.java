package io.github.catalogrollback.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
    }

    @Test
    void specialCharactersInThePasswordArePercentEncoded() {
        assertEquals("p@ss/w?rd#%:&", DatabaseAddress.parse("postgres://u:p%40ss%2Fw%3Frd%23%25%3A%26@h:5432/d", null).password(),
                "every special character decodes");
        assertEquals("pa:ss", DatabaseAddress.parse("postgres://u:pa:ss@h/d", null).password(), "a ':' after the first needs no encoding");
        assertEquals("a+b", DatabaseAddress.parse("postgres://u:a+b@h/d", null).password(), "'+' is a plus, not a space");
        assertEquals("Zq9-Secret-Marker", DatabaseAddress.parse("jdbc:postgresql://h/d?sslpassword=k&password=Zq9-Secret-Marker", null)
                .password(), "the password of the JDBC form");
    }

    @Test
    void unencodedSpecialCharactersInThePasswordAreAUsageErrorThatRepeatsNoPartOfIt() {
        for (String url : List.of(
                "postgres://u:hunter2@Zq9-Secret-Marker@127.0.0.1/db",      // '@'
                "postgres://u:pa%zzZq9-Secret-Marker@127.0.0.1/db",         // '%' that starts no escape
                "postgres://u:Zq9-Secret-Marker%@127.0.0.1/db",             // '%' at the end
                "postgres://u:Zq9/Secret-Marker@127.0.0.1/db",              // '/'
                "postgres://u:Zq9?Secret-Marker@127.0.0.1/db",              // '?'
                "postgres://u:Zq9#Secret-Marker@127.0.0.1/db",              // '#'
                "postgres://u:Zq9-Secret-Marker%C3%28@127.0.0.1/db",        // escapes that are not UTF-8
                "postgres://u:Zq9-Secret-Marker@127.0.0.1:port/db")) {      // a port that is not a number
            RunFailure f = assertThrows(RunFailure.class, () -> DatabaseAddress.parse(url, null), url);
            assertEquals(RunFailure.Kind.USAGE, f.kind(), url);
            assertTrue(f.getMessage().contains("percent-encode special characters in the password"), f.getMessage());
            for (String part : List.of("Zq9", "Secret", "Marker", "hunter2", "127.0.0.1", "zz")) {
                assertFalse(f.getMessage().contains(part), "the message repeats no part of the URL (" + part + "): " + f.getMessage());
            }
        }
    }

    @Test
    void credentialParametersNeverEnterTheJdbcUrl() {
        DatabaseAddress a = DatabaseAddress.parse("postgres://u@h/d?sslmode=verify-full&sslpassword=Zq9-Key-Pass&PASSWORD=Zq9-Pw", null);
        assertEquals("jdbc:postgresql://h:5432/d?sslmode=verify-full", a.jdbcUrl(), "only non-secret parameters stay in the URL");
        assertEquals("Zq9-Key-Pass", a.properties().getProperty("sslpassword"), "the key's password goes to the driver as a property");
        assertEquals("Zq9-Pw", a.password(), "the parameter name is case-insensitive");
        assertFalse(a.toString().contains("Zq9"), a.toString());
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
