"""Where request CPU goes by library: each request-thread sample of a JFR recording given to the innermost frame that is
not the JDK's (H2, Hibernate, the pool, RESTEasy, Undertow, JSON, Weld, the application …). bench/keycloak-bench.sh prints
it beside JfrShare's split.  python3 bench/jfr_libraries.py recording.jfr"""
import re, sys, subprocess, collections
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", sys.argv[1]], capture_output=True, text=True).stdout
samples = out.split("jdk.ExecutionSample")
libs = collections.Counter(); total = 0
groups = [("org.h2", "H2 (SQL engine)"), ("org.hibernate", "Hibernate"), ("com.arjuna", "Narayana (JTA)"), ("org.jboss.jca", "IronJacamar (pool)"),
          ("org.eclipse.yasson", "Yasson (JSON-B)"), ("org.glassfish.json", "JSON-P"), ("org.eclipse.parsson", "JSON-P"), ("org.jboss.resteasy", "RESTEasy"),
          ("io.undertow", "Undertow"), ("org.jboss.weld", "Weld"), ("io.smallrye.jwt", "SmallRye JWT"), ("org.jose4j", "jose4j"),
          ("org.infinispan", "Infinispan"), ("io.micrometer", "Micrometer"), ("org.jboss.logmanager", "logging"), ("java.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK"),
          ("dev.accessconsole", "application")]
for s in samples[1:]:
    if "default task" not in s and "XNIO" not in s:
        continue
    frames = re.findall(r"^\s+([\w.$]+)\.[\w$<>]+\(", s, re.M)
    if not frames: continue
    total += 1
    label = "other"
    for f in frames:  # innermost first: the first library that is not JDK
        for prefix, name in groups:
            if f.startswith(prefix) and name != "JDK":
                label = name; break
        if label != "other": break
    libs[label] += 1
print("samples", total)
for k, v in libs.most_common(14):
    print(f"{100*v/total:5.1f} %  {k}")
