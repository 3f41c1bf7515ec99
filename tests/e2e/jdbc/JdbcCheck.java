import java.math.BigDecimal;
import java.sql.*;
import java.time.*;
import java.util.*;

/**
 * Drives pgserver through the PostgreSQL JDBC driver: prepared statements with parameters of several
 * types (also after the driver switches to named server-side statements), batches, transactions and
 * savepoints, generated keys, errors, arrays/uuid, DatabaseMetaData (tables, columns, primary, foreign
 * and index keys, functions), a function call through the {? = call ...} escape and ResultSetMetaData.
 * Prints one line per check; tests/e2e/test_jdbc.py compares the
 * lines with what PostgreSQL 15 prints for the same program.
 * Arguments: JDBC URL, user[, password].
 */
public class JdbcCheck {
    static void out(String s) { System.out.println(s); }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Properties p = new Properties();
        p.setProperty("user", args[1]);
        if (args.length > 2) p.setProperty("password", args[2]);
        try (Connection c = DriverManager.getConnection(url, p)) {
            DatabaseMetaData md = c.getMetaData();
            out("product " + md.getDatabaseProductName() + " " + md.getDatabaseMajorVersion());
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists jd_child");
                s.execute("drop table if exists jd");
                s.execute("create table jd (id int primary key, name varchar(20) not null, amount numeric(10,2), ts timestamp, tz timestamptz, d date, flag boolean, big bigint, f double precision, b bytea)");
                s.execute("create table jd_child (cid serial primary key, jd_id int references jd(id), note text)");
            }
            try (PreparedStatement ps = c.prepareStatement("insert into jd values (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setInt(1, 1); ps.setString(2, "a'b"); ps.setBigDecimal(3, new BigDecimal("3.50"));
                ps.setTimestamp(4, Timestamp.valueOf("2024-01-02 03:04:05.123"));
                ps.setObject(5, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
                ps.setDate(6, java.sql.Date.valueOf("2024-02-29")); ps.setBoolean(7, true); ps.setLong(8, 9007199254740993L);
                ps.setDouble(9, 1.5); ps.setBytes(10, new byte[]{0, 1, (byte) 255});
                out("insert " + ps.executeUpdate());
                ps.setInt(1, 2); ps.setString(2, "two"); ps.setNull(3, Types.NUMERIC); ps.setNull(4, Types.TIMESTAMP);
                ps.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE); ps.setNull(6, Types.DATE); ps.setNull(7, Types.BOOLEAN);
                ps.setNull(8, Types.BIGINT); ps.setNull(9, Types.DOUBLE); ps.setNull(10, Types.BINARY);
                out("insert " + ps.executeUpdate());
            }
            // the same prepared statement many times (the driver switches to a named server-side statement)
            try (PreparedStatement ps = c.prepareStatement("select name, amount, ts, d, flag, big, f, b from jd where id = ?")) {
                for (int i = 0; i < 7; i++) {
                    ps.setInt(1, 1 + (i % 2));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (i < 2 || i == 6) {
                                out("row " + rs.getString(1) + " " + rs.getBigDecimal(2) + " " + rs.getTimestamp(3) + " " + rs.getDate(4)
                                    + " " + rs.getBoolean(5) + "/" + rs.wasNull() + " " + rs.getLong(6) + " " + rs.getDouble(7)
                                    + " " + Arrays.toString(rs.getBytes(8)));
                            }
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select tz from jd where id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                out("tz " + rs.getObject(1, OffsetDateTime.class).toInstant());
            }
            // batch
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into jd (id, name) values (?, ?)")) {
                for (int i = 10; i < 15; i++) { ps.setInt(1, i); ps.setString(2, "n" + i); ps.addBatch(); }
                out("batch " + Arrays.toString(ps.executeBatch()));
            }
            try (Statement s = c.createStatement()) {
                s.addBatch("update jd set name = 'u' where id >= 10");
                s.addBatch("delete from jd where id = 14");
                out("stmtbatch " + Arrays.toString(s.executeBatch()));
            }
            c.commit();
            // rollback
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into jd (id, name) values (100, 'gone')");
                c.rollback();
                try (ResultSet rs = s.executeQuery("select count(*) from jd")) { rs.next(); out("count " + rs.getInt(1)); }
            }
            // savepoint
            Savepoint sp = c.setSavepoint("sp1");
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into jd (id, name) values (101, 'sp')");
                c.rollback(sp);
                s.executeUpdate("insert into jd (id, name) values (102, 'kept')");
            }
            c.commit();
            // generated keys
            try (PreparedStatement ps = c.prepareStatement("insert into jd_child (jd_id, note) values (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, 1); ps.setString(2, "child");
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) { rs.next(); out("genkey " + rs.getInt("cid")); }
            }
            c.commit();
            // errors
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into jd (id, name) values (1, 'dup')");
            } catch (SQLException e) {
                out("error " + e.getSQLState());
                c.rollback();
            }
            c.setAutoCommit(true);
            // metadata
            try (ResultSet rs = md.getTables(null, "public", "jd%", new String[]{"TABLE"})) {
                while (rs.next()) out("table " + rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + " " + rs.getString("TABLE_TYPE"));
            }
            try (ResultSet rs = md.getColumns(null, "public", "jd", null)) {
                while (rs.next()) out("column " + rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME")
                    + " " + rs.getInt("COLUMN_SIZE") + " " + rs.getString("IS_NULLABLE") + " " + rs.getInt("ORDINAL_POSITION"));
            }
            try (ResultSet rs = md.getPrimaryKeys(null, "public", "jd")) {
                while (rs.next()) out("pk " + rs.getString("TABLE_NAME") + " " + rs.getString("COLUMN_NAME") + " " + rs.getInt("KEY_SEQ") + " " + rs.getString("PK_NAME"));
            }
            try (ResultSet rs = md.getImportedKeys(null, "public", "jd_child")) {
                while (rs.next()) out("fk " + rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME"));
            }
            try (ResultSet rs = md.getExportedKeys(null, "public", "jd")) {
                while (rs.next()) out("exported " + rs.getString("PKCOLUMN_NAME") + " <- " + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME") + " " + rs.getString("FK_NAME"));
            }
            // a function called through the JDBC escape (its OUT parameter travels as a void-typed parameter)
            try (Statement s = c.createStatement()) {
                s.execute("create or replace function jd_plus(x int) returns int language sql as 'select x + 1'");
            }
            try (ResultSet rs = md.getFunctions(null, "public", "jd_plus")) {
                while (rs.next()) out("function " + rs.getString("FUNCTION_NAME") + " " + rs.getInt("FUNCTION_TYPE"));
            }
            try (CallableStatement cs = c.prepareCall("{? = call jd_plus(?)}")) {
                cs.registerOutParameter(1, Types.INTEGER);
                cs.setInt(2, 41);
                cs.execute();
                out("callable " + cs.getInt(1));
            }
            try (ResultSet rs = md.getIndexInfo(null, "public", "jd", false, false)) {
                while (rs.next()) out("index " + rs.getString("INDEX_NAME") + " " + rs.getBoolean("NON_UNIQUE") + " " + rs.getString("COLUMN_NAME") + " " + rs.getInt("ORDINAL_POSITION"));
            }
            try (ResultSet rs = md.getSchemas()) {
                while (rs.next()) if (rs.getString(1).equals("public")) out("schema public");
            }
            // arrays, uuid and json as parameters and results
            try (PreparedStatement ps = c.prepareStatement("select ?::int[] as a, array_length(?::text[], 1), ?::uuid, ?::jsonb ->> 'k'")) {
                ps.setArray(1, c.createArrayOf("int4", new Integer[]{3, 4, 5}));
                ps.setArray(2, c.createArrayOf("text", new String[]{"x", "y"}));
                ps.setObject(3, UUID.fromString("00000000-0000-0000-0000-000000000005"));
                ps.setString(4, "{\"k\": \"v\"}");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Integer[] a = (Integer[]) rs.getArray(1).getArray();
                    out("array " + Arrays.toString(a) + " " + rs.getInt(2) + " " + rs.getObject(3) + " " + rs.getString(4));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, name from jd order by id")) {
                ResultSetMetaData rmd = rs.getMetaData();
                out("rsmd " + rmd.getColumnCount() + " " + rmd.getColumnName(1) + " " + rmd.getColumnTypeName(1) + " " + rmd.getColumnTypeName(2) + " " + rmd.getTableName(2));
                StringBuilder sb = new StringBuilder("ids");
                while (rs.next()) sb.append(' ').append(rs.getInt(1));
                out(sb.toString());
            }
        }
        // SCRAM-SHA-256 with a wrong password is refused with 28P01
        if (args.length > 2) {
            Properties bad = new Properties();
            bad.setProperty("user", args[1]);
            bad.setProperty("password", args[2] + "-wrong");
            try (Connection c = DriverManager.getConnection(url, bad)) {
                out("badpassword accepted");
            } catch (SQLException e) {
                out("badpassword " + e.getSQLState());
            }
        }
        out("done");
    }
}
