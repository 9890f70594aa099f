package io.textback.support;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** A process instance that already ended, as camunda-bpm-assert's assertions take it. */
public record EndedInstance(HistoricProcessInstance historic) implements ProcessInstance {

    @Override
    public String getProcessDefinitionId() {
        return historic.getProcessDefinitionId();
    }

    @Override
    public String getProcessDefinitionKey() {
        return historic.getProcessDefinitionKey();
    }

    @Override
    public String getBusinessKey() {
        return historic.getBusinessKey();
    }

    @Override
    public String getRootProcessInstanceId() {
        return historic.getRootProcessInstanceId();
    }

    @Override
    public String getCaseInstanceId() {
        return historic.getCaseInstanceId();
    }

    @Override
    public boolean isSuspended() {
        return false;
    }

    @Override
    public String getId() {
        return historic.getId();
    }

    @Override
    public boolean isEnded() {
        return true;
    }

    @Override
    public String getProcessInstanceId() {
        return historic.getId();
    }

    @Override
    public String getTenantId() {
        return historic.getTenantId();
    }
}
