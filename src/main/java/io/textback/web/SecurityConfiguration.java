package io.textback.web;

import io.textback.system.PublicUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.textback.twilio.TwilioProperties;
import io.textback.twilio.TwilioSignatureFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Twilio webhooks are checked by signature, the generic webhook by API key,
 * health is open, Cockpit and the engine's REST API use the engine's own login, and everything
 * else (the API, the settings page) needs the admin login, checked against the engine's users.
 */
@Configuration
class SecurityConfiguration {

    static final String API_KEY_HEADER = "X-Api-Key";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, @Value("${textback.api-key:}") String apiKey)
            throws Exception {
        RequestMatcher hasAuthorizationHeader = request -> request.getHeader("Authorization") != null;
        var csrfTokenHandler = new CsrfTokenRequestAttributeHandler();
        csrfTokenHandler.setCsrfRequestAttributeName(null);
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/twilio/**", "/voicemail-greetings/**").permitAll()
                        .requestMatchers("/camunda/api/**", "/engine-rest/**").permitAll()
                        // Camunda's webapps take the app's login (CamundaWebappLogin); without one, the app's login page.
                        .requestMatchers("/camunda/**").authenticated()
                        .requestMatchers("/login", "/error", "/favicon.ico", "/textback.css").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/missed-calls").hasAnyRole("INTEGRATION", "ADMIN")
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new ApiKeyFilter(apiKey), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                new AntPathRequestMatcher("/api/**"))
                        // A request with no login at all is told to log in (401), even when it also lacks a CSRF token.
                        .accessDeniedHandler((request, response, denied) -> {
                            var current = SecurityContextHolder.getContext().getAuthentication();
                            boolean anonymous = current == null || current instanceof AnonymousAuthenticationToken;
                            response.sendError(anonymous ? HttpServletResponse.SC_UNAUTHORIZED
                                    : HttpServletResponse.SC_FORBIDDEN, denied.getMessage());
                        }))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(csrfTokenHandler)
                        // Scripts authenticate on every request (Basic or API key); only the browser session needs a token.
                        .ignoringRequestMatchers(hasAuthorizationHeader,
                                request -> request.getHeader(API_KEY_HEADER) != null,
                                new AntPathRequestMatcher("/twilio/**"), new AntPathRequestMatcher("/engine-rest/**"),
                                new AntPathRequestMatcher("/camunda/**")))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    /** Admin logins are the engine's users in the camunda-admin group: one password for everything. */
    @Bean
    AuthenticationProvider engineUsers(IdentityService identity) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String user = authentication.getName();
                String password = String.valueOf(authentication.getCredentials());
                if (!identity.checkPassword(user, password)) {
                    throw new BadCredentialsException("wrong user or password");
                }
                boolean admin = identity.createGroupQuery().groupMember(user).groupId(Groups.CAMUNDA_ADMIN).count() > 0;
                var roles = admin ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.<SimpleGrantedAuthority>of();
                return UsernamePasswordAuthenticationToken.authenticated(user, null, roles);
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    @Bean
    FilterRegistrationBean<TwilioSignatureFilter> twilioSignatures(TwilioProperties twilio, PublicUrls urls,
            @Value("${textback.twilio.allow-unsigned-local-webhooks:false}") boolean allowUnsignedLocal) {
        var registration = new FilterRegistrationBean<>(new TwilioSignatureFilter(twilio, urls, allowUnsignedLocal));
        registration.addUrlPatterns("/twilio/*");
        return registration;
    }

    /** Camunda Modeler deploys through /engine-rest with Basic auth against the engine's users. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }

    /** Lets a phone system that holds the API key report missed calls, and nothing else. */
    static class ApiKeyFilter extends OncePerRequestFilter {

        private final byte[] key;

        ApiKeyFilter(String key) {
            this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String presented = request.getHeader(API_KEY_HEADER);
            if (presented != null) {
                if (key == null || !MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "invalid " + API_KEY_HEADER);
                    return;
                }
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "api-key", null, List.of(new SimpleGrantedAuthority("ROLE_INTEGRATION"))));
            }
            chain.doFilter(request, response);
        }
    }
}
