package io.textback.web;

import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One login for the app and Camunda's webapps: Cockpit, Admin and Tasklist take the user that
 * Spring Security's session holds (the request's principal) instead of asking again.
 */
@Configuration
class CamundaWebappLogin {

    /** After Spring Security's filter (order -100), which supplies the principal; before the webapps' own filters. */
    static final int ORDER = 0;

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaContainerLogin() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
