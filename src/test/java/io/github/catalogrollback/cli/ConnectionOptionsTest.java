package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.catalogrollback.runner.DatabaseAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which address Main connects to ahead, read from the raw arguments before picocli parses them. */
class ConnectionOptionsTest {

    private static final Map<String, String> NO_ENV = Map.of();

    private static Optional<String> early(Map<String, String> env, String... args) {
        return ConnectionOptions.early(List.of(args), env).map(DatabaseAddress::describe);
    }

    @Test
    void theOptionInEitherFormIsTheAddressAsTheCommandWouldParseIt() {
        String url = "postgres://hasura:pw@db.example:6432/meta";
        String expected = DatabaseAddress.parse(url, null).describe();
        assertEquals(Optional.of(expected), early(NO_ENV, "--to-version", "47", "--database-url", url));
        assertEquals(Optional.of(expected), early(NO_ENV, "status", "--database-url=" + url));
        assertEquals(DatabaseAddress.parse(url, null), ConnectionOptions.early(List.of("--database-url", url), NO_ENV).orElseThrow(),
                "the same address, password included, so that the run takes this connection");
    }

    @Test
    void withoutTheOptionTheEnvironmentDecidesInTheCommandsOrder() {
        Map<String, String> env = Map.of(ConnectionOptions.METADATA_URL_ENV, "postgres://u:p@metadata-host/m",
                ConnectionOptions.DATABASE_URL_ENV, "postgres://u:p@database-host/d");
        assertEquals(Optional.of(DatabaseAddress.parse("postgres://u:p@metadata-host/m", null).describe()), early(env, "--to-version", "47"));
        assertEquals(Optional.of(DatabaseAddress.parse("postgres://u:p@database-host/d", null).describe()),
                early(Map.of(ConnectionOptions.DATABASE_URL_ENV, "postgres://u:p@database-host/d"), "plan", "--to-version", "47"));
    }

    @Test
    void noAddressOrOneThatDoesNotParseMeansNoEarlyConnection() {
        assertEquals(Optional.empty(), early(NO_ENV, "--to-version", "47"));
        assertEquals(Optional.empty(), early(NO_ENV, "--to-version", "47", "--database-url", "mysql://x@y/z"));
        assertEquals(Optional.empty(), early(NO_ENV, "--to-version", "47", "--database-url"), "the option without its value");
        assertEquals(Optional.empty(), early(NO_ENV, "--", "--database-url", "postgres://u:p@h/d"), "after --, not an option");
    }
}
