package io.textback.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** A throwaway database on the PostgreSQL server of this machine (127.0.0.1:5432, trust auth). */
public final class Postgres implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    private final String name;

    private Postgres(String name) {
        this.name = name;
    }

    /** Why PostgreSQL cannot be used here, or null when it can. */
    public static String unavailableBecause() {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage();
        }
    }

    public static Postgres createDatabase() {
        String name = "textback_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name);
        return new Postgres(name);
    }

    public String url() {
        return SERVER + name;
    }

    public String user() {
        return USER;
    }

    @Override
    public void close() {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
