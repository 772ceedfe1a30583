package io.github.catalogrollback.metadata;

import io.github.catalogrollback.support.Catalogs;
import io.github.catalogrollback.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that start from a fresh catalog at 47: one template per test class, copied per case (TestDatabase.copyOf). */
abstract class At47 {

    static TestDatabase at47;

    @BeforeAll
    static void template() {
        at47 = TestDatabase.fresh();
        Catalogs.init(at47, 47);
    }

    @AfterAll
    static void dropTemplate() {
        at47.close();
    }
}
