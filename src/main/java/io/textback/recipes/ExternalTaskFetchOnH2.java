package io.textback.recipes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On H2, the engine's fetch of external tasks (the send worker's texts) as one flat query, so that
 * H2 stops reading once it has the batch.
 * <p>
 * The engine writes the fetch as {@code select distinct RES.* from (select ... joins ...) RES limit n}.
 * H2 materializes that inner query whole before the limit: every due text of the topic, each joined
 * to its recipe instance, at every fetch (9.8 ms for a fetch of 20 with 3,000 texts waiting, against
 * 0.07 ms flat; with the send worker fetching many times a second, a sixth of the app's CPU while
 * 10,000 waits fell due). PostgreSQL flattens the inner query itself. The flat statement is made at
 * start from the engine's own: the inner query's select list moves out, and {@code distinct} stays
 * only where the engine's authorization joins can repeat a row. Where the engine's statement does
 * not have the shape this expects (another engine version), the engine's own is kept.
 */
@Component
class ExternalTaskFetchOnH2 extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(ExternalTaskFetchOnH2.class);
    static final String ENGINE_MAPPING = "org/camunda/bpm/engine/impl/mapping/entity/ExternalTask.xml";
    static final String STATEMENT = "selectExternalTasksForTopics";
    static final String FLAT_STATEMENT = ExternalTaskFetchOnH2.class.getName() + "." + STATEMENT;

    private static final Pattern SELECT = Pattern.compile("<select id=\"" + STATEMENT + "\".*?</select>", Pattern.DOTALL);
    /** The outer select and the start of the inner one, which the flat statement's select replaces. */
    private static final Pattern OUTER_SELECT = Pattern.compile(
            "select\\s*(<!--.*?-->)?\\s*<if test=\"!parameter\\.usesPostgres \\|\\| performAuthorizationCheck\">\\s*\\$\\{distinct}\\s*</if>"
                    + "\\s*RES\\.\\*\\s*\\$\\{limitBetween}\\s*from \\(\\s*select RES\\.\\*, PI\\.BUSINESS_KEY_, PD\\.VERSION_TAG_\\s*from",
            Pattern.DOTALL);
    /** The end of the inner query. */
    private static final Pattern INNER_END = Pattern.compile("\\)\\s*RES\\s*(<if test=\"parameter\\.applyOrdering\">)");

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!DbSqlSessionFactory.H2.equals(configuration.getDatabaseType())) {
            return;
        }
        Optional<String> flat = flatStatement();
        if (flat.isEmpty()) {
            log.warn("The engine's fetch of external tasks is not as expected; H2 runs it as the engine writes it");
            return;
        }
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        String mapper = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
                + "<!DOCTYPE mapper PUBLIC \"-//mybatis.org//DTD Mapper 3.0//EN\" \"http://mybatis.org/dtd/mybatis-3-mapper.dtd\">\n"
                + "<mapper namespace=\"" + ExternalTaskFetchOnH2.class.getName() + "\">\n" + flat.get() + "\n</mapper>\n";
        new XMLMapperBuilder(new ByteArrayInputStream(mapper.getBytes(StandardCharsets.UTF_8)), mybatis,
                ExternalTaskFetchOnH2.class.getName(), mybatis.getSqlFragments()).parse();
        // The engine's map of statements per database is shared by every engine of this JVM: this one gets its own.
        DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
        Map<String, String> mappings = new HashMap<>(Optional.ofNullable(sessions.getStatementMappings()).orElse(Map.of()));
        mappings.put(STATEMENT, FLAT_STATEMENT);
        sessions.setStatementMappings(mappings);
    }

    /** The engine's fetch, flat; empty when the engine's statement is not as expected. */
    static Optional<String> flatStatement() {
        String engine;
        try (InputStream in = ExternalTaskFetchOnH2.class.getClassLoader().getResourceAsStream(ENGINE_MAPPING)) {
            if (in == null) {
                return Optional.empty();
            }
            engine = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Matcher select = SELECT.matcher(engine);
        if (!select.find()) {
            return Optional.empty();
        }
        String statement = select.group();
        if (OUTER_SELECT.matcher(statement).results().count() != 1 || INNER_END.matcher(statement).results().count() != 1) {
            return Optional.empty();
        }
        statement = OUTER_SELECT.matcher(statement).replaceFirst(Matcher.quoteReplacement("select "
                + "<if test=\"performAuthorizationCheck\">${distinct}</if> RES.*, PI.BUSINESS_KEY_, PD.VERSION_TAG_ ${limitBetween} from"));
        statement = INNER_END.matcher(statement).replaceFirst("$1");
        return Optional.of(statement.replace("resultMap=\"externalTaskResultMap\"",
                "resultMap=\"org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity.externalTaskResultMap\""));
    }
}
