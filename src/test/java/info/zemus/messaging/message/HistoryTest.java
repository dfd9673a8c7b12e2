package info.zemus.messaging.message;

import info.zemus.messaging.testing.FakeMainApiResource;
import info.zemus.messaging.testing.Sender;
import info.zemus.messaging.testing.Users;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@WithTestResource(FakeMainApiResource.class)
class HistoryTest {

    private final long alice = Users.fresh();
    private final long bob = Users.fresh();

    private JsonPath page(long as, long friend, String query) {
        return given().header("Authorization", Users.bearer(as))
                .get("/users/{id}/friends/{friendId}/messages" + query, as, friend)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pagesThroughAConversationNewestFirst() {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // Both directions, and a message to someone else that must not show up.
            sent.add(i % 2 == 0 ? Sender.send(alice, bob, "a" + i).getLong("id") : Sender.send(bob, alice, "b" + i).getLong("id"));
            if (i % 40 == 0) {
                Sender.send(alice, Users.fresh(), "elsewhere");
            }
        }
        Collections.reverse(sent);

        List<Long> seen = new ArrayList<>();
        String query = "?limit=50";
        int pages = 0;
        while (true) {
            JsonPath page = page(alice, bob, query);
            pages++;
            seen.addAll(page.getList("messages.id", Long.class));
            Long next = page.getObject("nextBefore", Long.class);
            if (next == null) {
                break;
            }
            query = "?limit=50&before=" + next;
        }
        assertEquals(sent, seen);
        assertEquals(3, pages);
        // Bob sees the same conversation.
        assertEquals(sent.subList(0, 50), page(bob, alice, "").getList("messages.id", Long.class));
    }

    @Test
    void anEmptyConversationHasNoNextPage() {
        JsonPath page = page(alice, bob, "");
        assertEquals(0, page.getList("messages").size());
        assertNull(page.getObject("nextBefore", Long.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"?limit=0", "?limit=201", "?limit=x", "?before=0", "?before=-3", "?before=abc", "?limit=+5"})
    void refusesBadParameters(String query) {
        given().header("Authorization", Users.bearer(alice)).get("/users/{id}/friends/{friendId}/messages" + query, alice, bob)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_parameter"));
    }

    @Test
    void requiresTheTokenOfTheUser() {
        given().header("Authorization", Users.bearer(bob)).get("/users/{id}/friends/{friendId}/messages", alice, bob)
                .then().statusCode(401).body("code", equalTo("invalid_token"));
        given().get("/users/{id}/friends/{friendId}/messages", alice, bob)
                .then().statusCode(401).body("code", equalTo("missing_token"));
    }
}
