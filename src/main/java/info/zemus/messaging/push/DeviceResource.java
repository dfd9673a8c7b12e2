package info.zemus.messaging.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import info.zemus.messaging.auth.BearerToken;
import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.MessagesConfig;
import info.zemus.messaging.limits.UserRateLimits;
import info.zemus.messaging.limits.UserRateLimits.Budget;
import info.zemus.messaging.openapi.ApiDocument;
import info.zemus.messaging.request.Integers;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code PUT} and {@code DELETE /users/{id}/devices/{installationId}}: an app installation registers its
 * push token (on every start and on every token refresh) and unregisters it on logout, before dropping
 * its bearer token. The token must be {@code {id}}'s, checked as for a send. Cheap checks run first, so
 * that a bad request never costs a main API call or a query.
 */
@Path("/users/{id}/devices/{installationId}")
@Tag(name = "Push devices")
public class DeviceResource {

    private final TokenCheck tokenCheck;
    private final DeviceRegistry registry;
    private final UserRateLimits limits;
    private final ObjectMapper mapper;
    private final int maxBodyBytes;

    public DeviceResource(TokenCheck tokenCheck, DeviceRegistry registry, ObjectMapper mapper, MessagesConfig messages,
                          UserRateLimits limits) {
        this.limits = limits;
        this.tokenCheck = tokenCheck;
        this.registry = registry;
        this.mapper = mapper;
        this.maxBodyBytes = messages.maxBodyBytes();
    }

    @PUT
    @Operation(operationId = "registerDevice", summary = "Registers (or refreshes) a push device of user {id}",
            description = "Call it on every app start and on every push token refresh. The token is moved from "
                    + "any other installation or user that held it (only the phone knows its token); an installation "
                    + "of another user moves only with the token it holds, else 409 installation_taken. Beyond "
                    + "ZEMUS_PUSH_MAX_DEVICES_PER_USER devices, the least recently seen one is dropped.")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(responseCode = "204", description = "Registered, or updated")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<RestResponse<Void>> register(
            @Parameter(description = "The user, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            @Parameter(description = "The app installation: an id the app generates once (e.g. a UUID) and keeps",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{1,128}$")) @RestPath String installationId,
            // @Context, or the OpenAPI scanner takes it for the request body.
            @Context HttpServerRequest request,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"token", "platform"},
                            properties = {
                                    @SchemaProperty(name = "token", type = SchemaType.STRING, minLength = 1,
                                            maxLength = DeviceRegistration.MAX_TOKEN_LENGTH,
                                            description = "The push token (FCM registration token): visible ASCII, no spaces"),
                                    @SchemaProperty(name = "platform", type = SchemaType.STRING,
                                            enumeration = {"android", "ios", "web"}),
                                    @SchemaProperty(name = "tokenType", type = SchemaType.STRING,
                                            enumeration = {"registration", "fid"}, defaultValue = "registration"),
                                    @SchemaProperty(name = "locale", type = SchemaType.STRING,
                                            description = "BCP 47 language tag of the app, for the text of pushes",
                                            example = "fr-FR")}),
                    examples = @ExampleObject(name = "android", value = "{\"token\": \"fcm-registration-token\", "
                            + "\"platform\": \"android\", \"locale\": \"fr-FR\"}"))) byte[] body) {
        long userId = Integers.userId("id", id);
        String installation = DeviceRegistration.installationId(installationId);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        DeviceRegistration device = DeviceRegistration.read(mapper, body, maxBodyBytes);
        return tokenCheck.verify(userId, token)
                .invoke(() -> limits.acquire(Budget.DEVICE, userId))
                .chain(() -> registry.upsert(userId, installation, device))
                .map(created -> {
                    if (created) {
                        Log.infof("Device %s of user %d registered (%s)", installation, userId, device.platform());
                    }
                    return RestResponse.noContent();
                });
    }

    @DELETE
    @Operation(operationId = "unregisterDevice", summary = "Unregisters a push device of user {id}",
            description = "Idempotent: 204 whether the device was registered or not. A device of another user "
                    + "is left alone (also 204, so that nobody learns which installations exist).")
    @SecurityRequirement(name = ApiDocument.BEARER)
    @APIResponse(responseCode = "204", description = "The user has no such device (any more)")
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "429", ref = ApiDocument.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Uni<RestResponse<Void>> unregister(
            @Parameter(description = "The user, whose token is required",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @RestPath String id,
            @Parameter(description = "The app installation",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{1,128}$")) @RestPath String installationId,
            @Context HttpServerRequest request) {
        long userId = Integers.userId("id", id);
        String installation = DeviceRegistration.installationId(installationId);
        BearerToken token = BearerToken.fromAuthorizationHeaders(request.headers().getAll(HttpHeaders.AUTHORIZATION));
        return tokenCheck.verify(userId, token)
                .invoke(() -> limits.acquire(Budget.DEVICE, userId))
                .chain(() -> registry.remove(userId, installation))
                .map(removed -> {
                    if (removed) {
                        Log.infof("Device %s of user %d unregistered", installation, userId);
                    }
                    return RestResponse.noContent();
                });
    }
}
