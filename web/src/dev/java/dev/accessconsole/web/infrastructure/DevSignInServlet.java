package dev.accessconsole.web.infrastructure;

import dev.accessconsole.domain.model.ErrorCode;
import dev.accessconsole.web.interfaces.errors.ErrorBody;
import dev.accessconsole.web.interfaces.errors.ErrorType;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DEVELOPMENT ONLY: signs a person in to the console without an identity provider, by minting a token with the dev-only
 * key pair (ear/src/dev/keys), as {@code DevTokens} does for curl.
 * <p>
 * Two locks keep it out of production: this class lives in {@code web/src/dev}, which only a development build compiles
 * (web/pom.xml, profile {@code dev-sign-in}, off with {@code -Dproduction}, as the Docker image builds), and it answers
 * only on a server whose configuration names the dev private key ({@code accessconsole.dev.signing-key-location}, set by
 * {@code configure-server.sh --dev}); elsewhere {@code POST /console/dev-sign-in} is 404 and the console offers no dev
 * sign-in.
 */
@WebServlet(urlPatterns = ConsoleConfigServlet.DEV_SIGN_IN, loadOnStartup = 1)
public class DevSignInServlet extends HttpServlet {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,63}");
    private static final long LIFETIME_SECONDS = 3600;

    private PrivateKey key;
    private String issuer;
    private String audience;

    @Override
    public void init() throws ServletException {
        Config config = ConfigProvider.getConfig();
        Optional<String> location = config.getOptionalValue("accessconsole.dev.signing-key-location", String.class);
        if (location.isEmpty()) {
            return;
        }
        try {
            key = KeyUtils.decodePrivateKey(Files.readString(Path.of(URI.create(location.get()))));
        } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
            log("dev sign-in off: the dev signing key cannot be read: " + unreadable);
            return;
        }
        issuer = config.getValue("mp.jwt.verify.issuer", String.class);
        audience = config.getOptionalValue("mp.jwt.verify.audiences", String.class).map(a -> a.split(",")[0]).orElse("access-console");
        getServletContext().setAttribute(ConsoleConfigServlet.DEV_SIGN_IN, Boolean.TRUE);
        log("DEVELOPMENT sign-in is on: anyone reaching this server can sign in as anyone (never use this build in production)");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (key == null) {
            response.sendError(404);
            return;
        }
        String email;
        String name;
        try (InputStream body = request.getInputStream(); JsonReader reader = Json.createReader(body)) {
            JsonObject object = reader.readObject();
            email = text(object, "email");
            name = text(object, "name");
        } catch (JsonException | ClassCastException | IllegalStateException malformed) {
            refuse(request, response, "The body must be a JSON object {\"email\": …, \"name\": …}.", ErrorCode.INVALID_JSON);
            return;
        }
        if (email == null || email.length() > 254 || !dev.accessconsole.domain.model.UserAccount.isAddress(email) || !EMAIL.matcher(email).matches()) {
            refuse(request, response, "email must be an email address.", ErrorCode.INVALID_EMAIL);
            return;
        }
        if (name == null || name.isBlank()) {
            name = email.substring(0, email.indexOf('@'));
        }
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            refuse(request, response, "name must be at most 200 characters, without control characters.", ErrorCode.INVALID_FIELD);
            return;
        }
        long now = Instant.now().getEpochSecond();
        String claims = Json.createObjectBuilder()
                .add("iss", issuer).add("aud", audience)
                // emails compare in ASCII case only (roles.md): a KELVIN SIGN spelling is another subject, as another address
                .add("sub", "dev:" + dev.accessconsole.domain.model.UserAccount.asciiLowerCase(email))
                .add("email", email).add("email_verified", true).add("name", name)
                .add("iat", now).add("exp", now + LIFETIME_SECONDS)
                .build().toString();
        String token;
        try {
            token = sign(claims);
        } catch (GeneralSecurityException failed) {
            throw new IOException("signing failed", failed);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder().add("access_token", token).add("token_type", "Bearer")
                .add("expires_in", LIFETIME_SECONDS).build().toString());
    }

    private static String text(JsonObject object, String field) {
        // as written: an address with whitespace or a control character is refused, never trimmed into another (roles.md)
        return object.get(field) instanceof JsonString value ? value.getString() : null;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String message, ErrorCode code)
            throws IOException {
        response.setStatus(400);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(ErrorBody.of(ErrorType.INVALID_REQUEST, message, code.value(), Map.of(),
                RequestIds.of(request)).toString());
    }

    private String sign(String claims) throws GeneralSecurityException {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64.encodeToString(signature.sign());
    }
}
