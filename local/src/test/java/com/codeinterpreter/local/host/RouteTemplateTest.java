package com.codeinterpreter.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Route templates match paths as the real host's routing does, minus constraints and value binding. */
class RouteTemplateTest {

    private static boolean matches(String route, String path) {
        return RouteTemplate.parse(route).matches(path.isEmpty() ? List.of() : List.of(path.split("/")));
    }

    @Test
    void literalSegmentsMatchIgnoringCaseAndSurroundingSlashes() {
        assertTrue(matches("/Files/List/", "files/list"));
        assertFalse(matches("files/list", "files"));
        assertFalse(matches("files", "files/list"));
    }

    @Test
    void aParameterMatchesExactlyOneSegmentWhateverItsConstraint() {
        assertTrue(matches("items/{id}", "items/42"));
        assertTrue(matches("items/{id:int}/details", "items/abc/details"));
        assertFalse(matches("items/{id}", "items"));
        assertFalse(matches("items/{id}", "items/1/2"));
    }

    @Test
    void anOptionalLastParameterMayBeLeftOut() {
        assertTrue(matches("items/{id?}", "items"));
        assertTrue(matches("items/{id?}", "items/7"));
    }

    @Test
    void aCatchAllMatchesTheRestOfThePath() {
        assertTrue(matches("files/{*path}", "files/a/b/c.txt"));
        assertTrue(matches("files/{*path}", "files"));
    }

    @Test
    void shapeIsTheSameForTemplatesThatMatchTheSamePaths() {
        assertEquals(RouteTemplate.parse("Items/{id}").shape(), RouteTemplate.parse("/items/{key:int}/").shape());
        assertEquals("items/{}", RouteTemplate.parse("Items/{id}").shape());
        assertFalse(RouteTemplate.parse("items/{id}").shape().equals(RouteTemplate.parse("items/list").shape()));
    }

    @Test
    void moreLiteralSegmentsMeanMoreSpecific() {
        assertEquals(2, RouteTemplate.parse("items/list").literalCount());
        assertEquals(1, RouteTemplate.parse("items/{id}").literalCount());
    }
}
