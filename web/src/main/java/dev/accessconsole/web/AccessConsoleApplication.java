package dev.accessconsole.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The REST API under /v1, authenticated with MicroProfile JWT bearer tokens (Admin API keys are read by a filter). */
@ApplicationPath("/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "access-console")
public class AccessConsoleApplication extends Application {
}
