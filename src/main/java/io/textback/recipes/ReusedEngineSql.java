package io.textback.recipes;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.builder.SqlSourceBuilder;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.parsing.XNode;
import org.apache.ibatis.scripting.LanguageDriver;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.scripting.xmltags.XMLScriptBuilder;
import org.apache.ibatis.session.Configuration;

/**
 * The engine's SQL mappings, with each dynamic statement's parameters worked out once per form of the
 * statement instead of at every execution.
 * <p>
 * MyBatis builds a dynamic statement (one with {@code <if>}, {@code <foreach>}, ...) in two steps each
 * time it runs: it applies the statement's tags to the parameters, giving the SQL text with its
 * {@code #{...}} placeholders, then parses that text, replacing each placeholder by {@code ?} and
 * resolving the Java type and type handler of each (by reflection on the parameter's class). The second
 * step was 6% of the app's CPU while 10,000 recipes' waits fell due together, and its result depends only
 * on the text, the parameter's class and the classes of the values the tags bound ({@code <foreach>}'s
 * items): {@link Sql} keeps it under those, and applies the tags as before.
 */
final class ReusedEngineSql {

    private ReusedEngineSql() {
    }

    /** A MyBatis configuration whose statements without a language of their own are built by {@link Driver}. */
    public static class ReusingConfiguration extends Configuration {

        private final Driver driver = new Driver();

        @Override
        public LanguageDriver getLanguageDriver(Class<? extends LanguageDriver> langClass) {
            return langClass == null ? driver : super.getLanguageDriver(langClass);
        }
    }

    /** MyBatis' XML language, with each dynamic statement's parsed forms kept ({@link Sql}). */
    static class Driver extends XMLLanguageDriver {

        @Override
        public SqlSource createSqlSource(Configuration configuration, XNode script, Class<?> parameterType) {
            SqlSource source = super.createSqlSource(configuration, script, parameterType);
            if (!(source instanceof DynamicSqlSource)) {
                return source;
            }
            return new Sql(configuration, new Tags(configuration, script, parameterType).root());
        }
    }

    /** The statement's tags, read as MyBatis reads them for its own dynamic statements. */
    private static class Tags extends XMLScriptBuilder {

        private final XNode script;

        Tags(Configuration configuration, XNode script, Class<?> parameterType) {
            super(configuration, script, parameterType);
            this.script = script;
        }

        SqlNode root() {
            return parseDynamicTags(script);
        }
    }

    /**
     * A dynamic statement: as MyBatis' own {@link DynamicSqlSource}, except that the parsed form of each
     * SQL text is kept, for as long as the statement has at most {@link #FORMS} of them (lists of
     * different lengths make different texts; past that, the kept forms are dropped and kept again).
     */
    static final class Sql implements SqlSource {

        static final int FORMS = 64;
        private static final String PARAMETER = DynamicContext.PARAMETER_OBJECT_KEY;

        private final Configuration configuration;
        private final SqlNode root;
        private final Map<Form, SqlSource> parsed = new ConcurrentHashMap<>();

        Sql(Configuration configuration, SqlNode root) {
            this.configuration = configuration;
            this.root = root;
        }

        @Override
        public BoundSql getBoundSql(Object parameterObject) {
            DynamicContext context = new DynamicContext(configuration, parameterObject);
            root.apply(context);
            String text = context.getSql();
            Class<?> parameterType = parameterObject == null ? Object.class : parameterObject.getClass();
            Map<String, Object> bindings = context.getBindings();
            Form form = Form.of(text, parameterType, bindings);
            SqlSource source = form == null ? null : parsed.get(form);
            if (source == null) {
                source = new SqlSourceBuilder(configuration).parse(text, parameterType, bindings);
                if (form != null) {
                    if (parsed.size() >= FORMS) {
                        parsed.clear();
                    }
                    parsed.put(form, source);
                }
            }
            BoundSql bound = source.getBoundSql(parameterObject);
            bindings.forEach(bound::setAdditionalParameter);
            return bound;
        }

        int formsKept() {
            return parsed.size();
        }

        /**
         * What the parsing of a text depends on. MyBatis resolves a placeholder's type from the value a tag
         * bound to its name, else from the parameter's class; a value's own properties (a placeholder
         * such as {@code #{item.id}}) would make it depend on more than the value's class, so only
         * texts whose bound values are plain values (strings, numbers, dates, ...) or null are kept, and
         * none that names the parameter itself.
         */
        record Form(String text, Class<?> parameterType, Map<String, Class<?>> boundTypes) {

            static Form of(String text, Class<?> parameterType, Map<String, Object> bindings) {
                if (text.contains(PARAMETER)) {
                    return null;
                }
                Map<String, Class<?>> types = new HashMap<>();
                for (var binding : bindings.entrySet()) {
                    if (binding.getKey().equals(PARAMETER)) {
                        continue;
                    }
                    Object value = binding.getValue();
                    if (value != null && !plain(value)) {
                        return null;
                    }
                    types.put(binding.getKey(), value == null ? Void.class : value.getClass());
                }
                return new Form(text, parameterType, types);
            }

            private static boolean plain(Object value) {
                return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                        || value instanceof Character || value instanceof Date || value instanceof Enum<?>
                        || value instanceof UUID || value instanceof java.time.temporal.Temporal;
            }
        }
    }
}
