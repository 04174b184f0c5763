package dev.accessconsole.it.probe;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;

/** Test-only: prints every value of the key tables as stored, so a test can look for secrets in the database. */
@WebServlet("/tables")
public class TableDump extends HttpServlet {

    private static final Set<String> TABLES = Set.of("api_keys", "admin_api_keys", "audit_events");

    @Resource(lookup = "java:jboss/datasources/AccessConsoleDS")
    DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String table = request.getParameter("name");
        if (!TABLES.contains(table)) {
            response.sendError(400);
            return;
        }
        StringBuilder out = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select * from " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(rows.getString(i)).append('\t');
                }
                out.append('\n');
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
        response.setContentType("text/plain");
        response.getWriter().write(out.toString());
    }
}
