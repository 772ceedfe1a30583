package io.github.catalogrollback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Redaction works on the echoed arguments themselves: a credential goes, every other word of the message stays. */
class RedactionTest {

    @Test
    void aUrlArgumentIsShownWithItsSchemeOnly() {
        Redaction r = Redaction.of(List.of("--to-version", "47", "--database-ur", "postgres://u:Zq9-Secret@h/db"));
        assertEquals("Unknown options: '--database-ur', 'postgres://***'",
                r.apply("Unknown options: '--database-ur', 'postgres://u:Zq9-Secret@h/db'"));
    }

    @Test
    void aShortValueOfDatabaseUrlIsRedactedWhereItIsEchoedNotInOtherWords() {
        Redaction r = Redaction.of(List.of("--database-url", "e", "--bogus"));
        assertEquals("Unknown option: '--bogus'; value '***' rejected", r.apply("Unknown option: '--bogus'; value 'e' rejected"));
    }

    @Test
    void passwordPairsLoseTheirValueAndOptionNamesStay() {
        Redaction r = Redaction.of(List.of("--conn=host=h password=Zq9&x=1", "--database-url", "--to-version"));
        assertEquals("Unknown option: '--conn=host=h password=***'", r.apply("Unknown option: '--conn=host=h password=Zq9&x=1'"));
        assertEquals("Expected parameter for option '--database-url' but found '--to-version'",
                r.apply("Expected parameter for option '--database-url' but found '--to-version'"), "an option name is not a secret");
    }

    @Test
    void textThatIsNoArgumentStillLosesUserInfoAndPasswordValues() {
        Redaction r = Redaction.of(List.of());
        assertEquals("see jdbc:postgresql://***@h/db?sslmode=require&password=***",
                r.apply("see jdbc:postgresql://u:p@h/db?sslmode=require&password=p"));
    }
}
