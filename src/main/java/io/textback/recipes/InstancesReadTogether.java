package io.textback.recipes;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.externaltask.TopicFetchInstruction;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskManager;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Several recipe instances' rows read at once: their executions, their variables and, as asked, their
 * external tasks, jobs and event subscriptions, one query per table for all of them, each instance's
 * tree then put together in the command's entity cache as the engine puts it together itself
 * ({@code ExecutionEntity#restoreProcessInstance}).
 * <p>
 * The engine reads an instance's rows as it first needs them: the execution of a task, then its tree,
 * then each scope's variables, then the external tasks or jobs of each execution it removes, a query
 * each. A batch of texts completed together (or fetched, or due together) thus cost six or so queries per
 * text; read together, a handful per batch. What the engine reads afterwards it finds in its cache, the
 * same rows it would have read. Instances already in the command's cache are left alone, and where
 * these statements are not registered (an engine without this plugin), or the engine's entities do not
 * have the fields this expects, the engine reads as before.
 * <p>
 * The send worker's fetch goes through here too: the engine's external task manager is replaced by
 * one that reads the fetched tasks' instances together before the engine collects their variables.
 */
@Component
class InstancesReadTogether extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(InstancesReadTogether.class);
    static final String NAMESPACE = InstancesReadTogether.class.getName();
    private static final String EXECUTIONS = NAMESPACE + ".executions";
    private static final String VARIABLES = NAMESPACE + ".variables";
    private static final String EXTERNAL_TASKS = NAMESPACE + ".externalTasks";
    private static final String JOBS = NAMESPACE + ".jobs";
    private static final String JOBS_BY_ID = NAMESPACE + ".jobsById";
    private static final String EVENT_SUBSCRIPTIONS = NAMESPACE + ".eventSubscriptions";

    /** Rows read beside the executions and variables. */
    enum Rows { EXTERNAL_TASKS, JOBS, EVENT_SUBSCRIPTIONS }

    /** The execution's lists the engine fills on first use; set empty so that the rows read here fill them. */
    private static final Field EXECUTION_JOBS = executionField("jobs");
    private static final Field EXECUTION_EXTERNAL_TASKS = executionField("externalTasks");

    private static final String ENTITY = "org.camunda.bpm.engine.impl.persistence.entity.";
    private static final String MAPPER = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
            <mapper namespace="%1$s">
              <sql id="ofInstances">
                <foreach item="id" collection="parameter" open="(" separator="," close=")">#{id, jdbcType=VARCHAR}</foreach>
              </sql>
              <select id="executions" parameterType="org.camunda.bpm.engine.impl.db.ListQueryParameterObject"
                      resultMap="%2$sExecutionEntity.executionResultMap">
                select * from ${prefix}ACT_RU_EXECUTION where PROC_INST_ID_ in <include refid="%1$s.ofInstances"/>
              </select>
              <select id="variables" parameterType="org.camunda.bpm.engine.impl.db.ListQueryParameterObject"
                      resultMap="%2$sVariableInstanceEntity.variableInstanceResultMap">
                select RES.*, (<include refid="%2$sVariableInstanceEntity.actInstIdColumn"/>) ACT_INST_ID_
                from ${prefix}ACT_RU_VARIABLE RES
                left join ${prefix}ACT_RU_EXECUTION EXECUTION on RES.EXECUTION_ID_ = EXECUTION.ID_
                left join ${prefix}ACT_RU_EXECUTION PARENT_EXECUTION on EXECUTION.PARENT_ID_ = PARENT_EXECUTION.ID_
                where RES.PROC_INST_ID_ in <include refid="%1$s.ofInstances"/> and RES.TASK_ID_ is null
              </select>
              <select id="externalTasks" parameterType="org.camunda.bpm.engine.impl.db.ListQueryParameterObject"
                      resultMap="%2$sExternalTaskEntity.externalTaskResultMap">
                select * from ${prefix}ACT_RU_EXT_TASK where PROC_INST_ID_ in <include refid="%1$s.ofInstances"/>
              </select>
              <select id="jobsById" parameterType="org.camunda.bpm.engine.impl.db.ListQueryParameterObject"
                      resultMap="%2$sJobEntity.jobResultMap">
                select * from ${prefix}ACT_RU_JOB J where J.ID_ in <include refid="%1$s.ofInstances"/>
              </select>
              <select id="jobs" parameterType="org.camunda.bpm.engine.impl.db.ListQueryParameterObject"
                      resultMap="%2$sJobEntity.jobResultMap">
                select * from ${prefix}ACT_RU_JOB J where J.PROCESS_INSTANCE_ID_ in <include refid="%1$s.ofInstances"/>
              </select>
              <select id="eventSubscriptions" parameterType="org.camunda.bpm.engine.impl.db.ListQueryParameterObject"
                      resultMap="%2$sEventSubscriptionEntity.eventSubscriptionResultMap">
                select * from ${prefix}ACT_RU_EVENT_SUBSCR where PROC_INST_ID_ in <include refid="%1$s.ofInstances"/>
              </select>
            </mapper>
            """.formatted(NAMESPACE, ENTITY);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, ExternalTaskManager.class, FetchedTogether::new);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (EXECUTION_JOBS == null || EXECUTION_EXTERNAL_TASKS == null) {
            log.warn("The engine's executions are not as expected; it reads recipe instances row by row");
            return;
        }
        if (!mybatis.hasStatement(EXECUTIONS, false)) {
            new XMLMapperBuilder(new ByteArrayInputStream(MAPPER.getBytes(StandardCharsets.UTF_8)), mybatis, NAMESPACE,
                    mybatis.getSqlFragments()).parse();
        }
    }

    /**
     * Reads the rows of these recipe instances into the command's cache, those of {@code rows} beside
     * their executions and variables. Instances the command already holds, or that are gone, are left
     * as they are.
     */
    static void read(CommandContext context, Collection<String> processInstanceIds, Set<Rows> rows) {
        DbEntityManager db = context.getDbEntityManager();
        var ids = new LinkedHashSet<String>();
        for (String id : processInstanceIds) {
            if (id != null && db.getCachedEntity(ExecutionEntity.class, id) == null) {
                ids.add(id);
            }
        }
        if (ids.isEmpty() || !context.getProcessEngineConfiguration().getSqlSessionFactory().getConfiguration()
                .hasStatement(EXECUTIONS, false)) {
            return;
        }
        List<String> of = List.copyOf(ids);
        Map<String, List<ExecutionEntity>> executions = byInstance(db.selectList(EXECUTIONS, of),
                ExecutionEntity::getProcessInstanceId);
        Map<String, List<VariableInstanceEntity>> variables = byInstance(db.selectList(VARIABLES, of),
                VariableInstanceEntity::getProcessInstanceId);
        Map<String, List<ExternalTaskEntity>> externalTasks = rows.contains(Rows.EXTERNAL_TASKS)
                ? byInstance(db.selectList(EXTERNAL_TASKS, of), ExternalTaskEntity::getProcessInstanceId) : null;
        Map<String, List<JobEntity>> jobs = rows.contains(Rows.JOBS)
                ? byInstance(db.selectList(JOBS, of), JobEntity::getProcessInstanceId) : null;
        Map<String, List<EventSubscriptionEntity>> subscriptions = rows.contains(Rows.EVENT_SUBSCRIPTIONS)
                ? byInstance(db.selectList(EVENT_SUBSCRIPTIONS, of), EventSubscriptionEntity::getProcessInstanceId) : null;
        for (String id : of) {
            List<ExecutionEntity> tree = executions.get(id);
            ExecutionEntity instance = tree == null ? null
                    : tree.stream().filter(e -> id.equals(e.getId())).findFirst().orElse(null);
            if (instance == null) {
                continue; // ended meanwhile: the engine finds that out as before
            }
            if (jobs != null) {
                tree.forEach(execution -> emptyList(EXECUTION_JOBS, execution));
            }
            if (externalTasks != null) {
                tree.forEach(execution -> emptyList(EXECUTION_EXTERNAL_TASKS, execution));
            }
            // Only rows of this tree's executions: the engine's restore expects each to find its execution.
            Set<String> ofTree = new HashSet<>();
            tree.forEach(execution -> ofTree.add(execution.getId()));
            instance.restoreProcessInstance(tree,
                    subscriptions == null ? null : ofTree(subscriptions.get(id), EventSubscriptionEntity::getExecutionId, ofTree),
                    variables.getOrDefault(id, List.of()),
                    null,
                    jobs == null ? null : ofTree(jobs.get(id), JobEntity::getExecutionId, ofTree),
                    null,
                    externalTasks == null ? null : ofTree(externalTasks.get(id), ExternalTaskEntity::getExecutionId, ofTree));
        }
    }

    /**
     * Reads these jobs, and their recipe instances with their jobs and event subscriptions, into the
     * command's cache: what running them reads first.
     */
    static void readJobs(CommandContext context, List<String> jobIds) {
        if (jobIds.isEmpty() || !context.getProcessEngineConfiguration().getSqlSessionFactory().getConfiguration()
                .hasStatement(JOBS_BY_ID, false)) {
            return;
        }
        List<?> jobs = context.getDbEntityManager().selectList(JOBS_BY_ID, List.copyOf(jobIds));
        read(context, jobs.stream().map(job -> ((JobEntity) job).getProcessInstanceId()).toList(),
                EnumSet.of(Rows.JOBS, Rows.EVENT_SUBSCRIPTIONS));
    }

    private static <T> List<T> ofTree(List<T> rows, Function<T, String> execution, Set<String> tree) {
        return rows == null ? List.of() : rows.stream().filter(row -> tree.contains(execution.apply(row))).toList();
    }

    private static <T> Map<String, List<T>> byInstance(List<?> rows, Function<T, String> instance) {
        var grouped = new HashMap<String, List<T>>();
        for (Object row : rows) {
            @SuppressWarnings("unchecked") T entity = (T) row;
            grouped.computeIfAbsent(instance.apply(entity), key -> new ArrayList<>()).add(entity);
        }
        return grouped;
    }

    private static void emptyList(Field field, ExecutionEntity execution) {
        try {
            if (field.get(execution) == null) {
                field.set(execution, new ArrayList<>());
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field executionField(String name) {
        try {
            Field field = ExecutionEntity.class.getDeclaredField(name);
            field.setAccessible(true);
            return List.class.isAssignableFrom(field.getType()) ? field : null;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    /** The engine's external task manager, which reads the instances of the tasks it fetched together. */
    static final class FetchedTogether extends ExternalTaskManager {
        @Override
        public List<ExternalTaskEntity> selectExternalTasksForTopics(Collection<TopicFetchInstruction> queryFilters,
                                                                     int maxResults,
                                                                     List<QueryOrderingProperty> orderingProperties) {
            List<ExternalTaskEntity> tasks = super.selectExternalTasksForTopics(queryFilters, maxResults, orderingProperties);
            read(getCommandContext(), tasks.stream().map(ExternalTaskEntity::getProcessInstanceId).toList(),
                    EnumSet.noneOf(Rows.class));
            return tasks;
        }
    }
}
