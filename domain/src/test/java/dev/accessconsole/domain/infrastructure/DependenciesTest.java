package dev.accessconsole.domain.infrastructure;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a dependency that could not answer (a 503) and which are bugs (a 500), without a container. */
class DependenciesTest {

    @Test
    void whenTheDatabaseRefusedLostOrShutTheConnectionThenItIsUnavailable() {
        assertThat(Dependencies.unavailable(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(Dependencies.unavailable(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(Dependencies.unavailable(new SQLTransientConnectionException("gone"))).isTrue();
        // as Hibernate and JPA wrap it, several levels down
        RuntimeException wrapped = new RuntimeException("could not execute query",
                new IllegalStateException("transaction", new SQLException("I/O error", "08006")));
        assertThat(Dependencies.unavailable(wrapped)).isTrue();
        // the pool could not connect or give a connection in time (IronJacamar)
        assertThat(Dependencies.unavailable(new SQLException("IJ031041: Unable to get managed connection for java:jboss/datasources/AccessConsoleDS"))).isTrue();
        // a state chained behind another SQLException
        SQLException chained = new SQLException("batch failed", "XX000");
        chained.setNextException(new SQLException("connection closed", "08003"));
        assertThat(Dependencies.unavailable(chained)).isTrue();
    }

    @Test
    void whenACommitFailedBecauseTheDatabaseWentAwayThenTheRollbackItBecameIsUnavailable() {
        // Narayana: the resource's failure is suppressed on the RollbackException, not its cause
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        javax.transaction.xa.XAException resource = new javax.transaction.xa.XAException("IJ001030: commit failed");
        resource.errorCode = javax.transaction.xa.XAException.XAER_RMERR;
        resource.initCause(new java.sql.SQLException("An I/O error occurred while sending to the backend.", "08006"));
        rollback.addSuppressed(resource);
        assertThat(Dependencies.unavailable(new RuntimeException("transactional", rollback))).isTrue();
        javax.transaction.xa.XAException lost = new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XAER_RMFAIL);
        assertThat(Dependencies.unavailable(lost)).isTrue();
        Exception bug = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        bug.addSuppressed(new IllegalArgumentException("a bug"));
        assertThat(Dependencies.unavailable(bug)).isFalse();
    }

    @Test
    void whenTheFailureIsABugOrARuleThenItIsNot() {
        assertThat(Dependencies.unavailable(new NullPointerException())).isFalse();
        assertThat(Dependencies.unavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Dependencies.unavailable(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(Dependencies.unavailable(new IllegalStateException("no", new IllegalArgumentException("still no")))).isFalse();
        assertThat(Dependencies.unavailable(null)).isFalse();
    }

    @Test
    void whenAFailureIsItsOwnCauseThenTheWalkEnds() {
        Throwable loop = new RuntimeException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(Dependencies.unavailable(loop)).isFalse();
    }
}
