package io.github.reselleroffboarding.http.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable<String> routes = new RouteTable<String>()
            .add("GET", "/subjects", "list")
            .add("GET", "/subjects/{subject}/versions/{version}", "version")
            .add("POST", "/subjects/{subject}/versions", "register")
            .add("GET", "/", "root");

    @Test
    void findsTheRouteAndItsVariables() {
        assertThat(routes.match("GET", "/subjects/orders-value/versions/latest"))
                .isEqualTo(new RouteTable.Match.Found<>("version", "/subjects/{subject}/versions/{version}",
                        Map.of("subject", "orders-value", "version", "latest")));
    }

    @Test
    void decodesEachSegmentOnItsOwn() {
        assertThat(routes.match("POST", "/subjects/a%2Fb%20c/versions"))
                .isEqualTo(new RouteTable.Match.Found<>("register", "/subjects/{subject}/versions",
                        Map.of("subject", "a/b c")));
    }

    @Test
    void aPlusStaysAPlus() {
        assertThat(routes.match("POST", "/subjects/a+b/versions"))
                .isEqualTo(new RouteTable.Match.Found<>("register", "/subjects/{subject}/versions",
                        Map.of("subject", "a+b")));
    }

    @Test
    void theRootAndTrailingSlashesMatch() {
        assertThat(routes.match("GET", "/")).isInstanceOf(RouteTable.Match.Found.class);
        assertThat(routes.match("GET", "/subjects/")).isInstanceOf(RouteTable.Match.Found.class);
    }

    @Test
    void tellsAWrongMethodFromAnUnknownPath() {
        assertThat(routes.match("DELETE", "/subjects")).isInstanceOf(RouteTable.Match.MethodNotAllowed.class);
        assertThat(routes.match("GET", "/schemas")).isInstanceOf(RouteTable.Match.NotFound.class);
        assertThat(routes.match("GET", "/subjects/x/versions/1/extra")).isInstanceOf(RouteTable.Match.NotFound.class);
    }

    @Test
    void methodsAreCaseInsensitive() {
        assertThat(routes.match("get", "/subjects")).isInstanceOf(RouteTable.Match.Found.class);
    }
}
