package dev.accessconsole.domain.infrastructure;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure is a dependency that could not answer (the database, the cluster) rather than a bug: api.md's 503
 * with {@code Retry-After}, never a 500. Read from the failure's causes: a connection the database refused, lost or shut
 * down (SQLState class 08, PostgreSQL's 57P01–57P03), a connection the pool could not give within its wait, and the
 * cluster's timeouts and suspected members. The classes of Hibernate, IronJacamar and Infinispan are named, not
 * imported: whichever of them is on the way, its cause is what counts.
 */
public final class Dependencies {

    private static final Set<String> UNAVAILABLE = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "jakarta.resource.ResourceException",
            "jakarta.resource.spi.ResourceAllocationException",
            "jakarta.resource.spi.RetryableUnavailableException",
            "org.infinispan.commons.TimeoutException",
            "org.infinispan.util.concurrent.TimeoutException",
            "org.infinispan.remoting.transport.jgroups.SuspectException",
            "org.infinispan.commons.IllegalLifecycleStateException",
            "org.jgroups.util.TimeoutException");

    private Dependencies() {
    }

    /**
     * True when {@code failure}, or any of its causes, says a dependency could not answer. Suppressed exceptions count
     * as causes: the transaction manager reports a commit the database could not take as a rollback whose resource's
     * failure is attached as suppressed, not as its cause.
     */
    public static boolean unavailable(Throwable failure) {
        return unavailable(failure, 0);
    }

    private static boolean unavailable(Throwable failure, int nesting) {
        if (nesting > 3) {
            return false;
        }
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            for (Throwable suppressed : cause.getSuppressed()) {
                if (unavailable(suppressed, nesting + 1)) {
                    return true;
                }
            }
            // a resource manager that failed or could not be reached at commit (XAER_RMFAIL, XA_RBCOMMFAIL)
            if (cause instanceof javax.transaction.xa.XAException xa
                    && (xa.errorCode == javax.transaction.xa.XAException.XAER_RMFAIL || xa.errorCode == javax.transaction.xa.XAException.XA_RBCOMMFAIL)) {
                return true;
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && lostConnection(sql)) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                if (UNAVAILABLE.contains(type.getName())) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean lostConnection(SQLException failure) {
        for (SQLException next = failure; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                return true;
            }
            if (next.getNextException() == next) {
                break;
            }
        }
        // IronJacamar: "IJ031041: Unable to get managed connection" / "IJ000453", the pool could not connect
        String message = failure.getMessage();
        return message != null && (message.startsWith("IJ031041") || message.startsWith("IJ000453") || message.startsWith("IJ000655"));
    }
}
