package dev.accessconsole.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** The real EAR as Maven built it. */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive realEar() {
        File ear = new File(System.getProperty("ear.file", "target/access-console.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
