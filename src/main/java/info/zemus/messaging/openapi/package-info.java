/**
 * The parts of {@code /q/openapi} shared by every operation: the description, the bearer scheme and the
 * problem answers, referenced by name from the resources ({@code @APIResponse(responseCode = "401",
 * ref = ApiDocument.UNAUTHORIZED)}). Each answer lists the {@code code}s it can carry; docs/PROTOCOL.md
 * explains them. The paths, parameters and bodies are described on the resources themselves.
 */
@OpenAPIDefinition(
        info = @Info(title = "Zemus Messaging", version = "1",
                description = "Sending and reading chat messages of the Zemus social app. Live delivery is a "
                        + "WebSocket at /ws?id={userId}, described in docs/PROTOCOL.md (OpenAPI does not "
                        + "describe WebSockets). Every error is an RFC 9457 problem document with a stable `code`."),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ApiDocument.BEARER,
                        type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "A token of the user {id} of the path, checked with the Zemus main API"),
                responses = {
                        @APIResponse(name = ApiDocument.BAD_REQUEST, responseCode = "400",
                                description = "Bad input: `invalid_id`, `invalid_body`, `empty_message`, "
                                        + "`self_message`, `invalid_idempotency_key`, `invalid_parameter`, `invalid_path` or `invalid_device`",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDocument.UNAUTHORIZED, responseCode = "401",
                                description = "`missing_token`, `malformed_token`, or `invalid_token` (the main API "
                                        + "says the token is not the user's)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDocument.FORBIDDEN, responseCode = "403",
                                description = "`not_friends`: the main API says the users are not friends (or one "
                                        + "does not exist)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDocument.CONFLICT, responseCode = "409",
                                description = "`idempotency_key_reused`: this sender used the key for another "
                                        + "message (other recipient or text); `installation_taken`: the device's "
                                        + "installation is another user's, and the body's token is not the one it holds",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDocument.TOO_LARGE, responseCode = "413",
                                description = "`message_too_large` (over ZEMUS_MESSAGES_MAX_LENGTH characters) or "
                                        + "`body_too_large` (over ZEMUS_MESSAGES_MAX_BODY_BYTES)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDocument.TOO_MANY_REQUESTS, responseCode = "429",
                                description = "`rate_limited`: over the sender's rate (ZEMUS_LIMITS_SEND_RATE); "
                                        + "`too_many_refusals`: this client address had too many requests refused for "
                                        + "their token (ZEMUS_LIMITS_REFUSALS_PER_ADDRESS)",
                                headers = @Header(name = "Retry-After", description = "Seconds until a send is allowed again",
                                        schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDocument.UNAVAILABLE, responseCode = "503",
                                description = "`main_api_unavailable` (fail closed), `database_unavailable` or "
                                        + "`shutting_down`: retry the same request (a send with its Idempotency-Key) "
                                        + "after Retry-After",
                                headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                                        schema = @Schema(type = SchemaType.INTEGER, minimum = "1")),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class)))
                }))
package info.zemus.messaging.openapi;

import info.zemus.messaging.error.Problem;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
