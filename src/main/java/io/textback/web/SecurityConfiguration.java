package io.textback.web;

import io.textback.system.PublicUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Twilio webhooks are checked by signature (in a chain of their own), the generic
 * webhook by API key, health is open, Cockpit and the engine's REST API use the engine's own login,
 * and everything else (the API, the settings page) needs the admin login, checked against the
 * engine's users.
 */
@Configuration
class SecurityConfiguration {

    static final String API_KEY_HEADER = "X-Api-Key";
    /** What every 401 of the JSON API says after why the request was not let in: how to get in. */
    static final String HOW_TO_LOG_IN = "log in at /login or with HTTP Basic as an admin, or send the API key in the "
            + API_KEY_HEADER + " header (it reports missed calls: POST /api/missed-calls)";
    static final String LOG_IN = "not logged in: " + HOW_TO_LOG_IN;

    /**
     * Twilio's webhooks (each checked by its signature, {@link TwilioSignatureFilter}) and the greetings
     * Twilio fetches: open, so without a session, a saved request or a CSRF token (every webhook's
     * answer carried a new CSRF cookie that Twilio never sends back).
     */
    @Bean
    @Order(1)
    SecurityFilterChain twilioFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/twilio/**", "/voicemail-greetings/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, @Value("${textback.api-key:}") String apiKey,
                                            ObjectMapper json) throws Exception {
        // The JSON API answers problem details; pages and Cockpit keep the login page, scripts elsewhere a bare 401.
        AuthenticationEntryPoint apiLogin = (request, response, e) -> Problems.write(json, request, response,
                Problems.of(HttpStatus.UNAUTHORIZED, e instanceof BadCredentialsException
                        ? "wrong user or password: " + HOW_TO_LOG_IN : LOG_IN));
        var bareUnauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
        AuthenticationEntryPoint basicLogin = (request, response, e) -> {
            if (Problems.isApi(request)) {
                apiLogin.commence(request, response, e);
            } else {
                bareUnauthorized.commence(request, response, e);
            }
        };
        RequestMatcher hasAuthorizationHeader = request -> request.getHeader("Authorization") != null;
        var csrfTokenHandler = new CsrfTokenRequestAttributeHandler();
        csrfTokenHandler.setCsrfRequestAttributeName(null);
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/camunda/api/**", "/engine-rest/**").permitAll()
                        // Camunda's webapps take the app's login (CamundaWebappLogin); without one, the app's login page.
                        .requestMatchers("/camunda/**").authenticated()
                        .requestMatchers("/login", "/error", "/favicon.ico", "/textback.css").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/missed-calls").hasAnyRole("INTEGRATION", "ADMIN")
                        .anyRequest().hasRole("ADMIN"))
                .addFilterBefore(new ApiKeyFilter(apiKey, json), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(basicLogin))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(apiLogin, new AntPathRequestMatcher("/api/**"))
                        // A request with no login at all is told to log in (401), even when it also lacks a CSRF token.
                        .accessDeniedHandler((request, response, denied) -> {
                            var current = SecurityContextHolder.getContext().getAuthentication();
                            boolean anonymous = current == null || current instanceof AnonymousAuthenticationToken;
                            if (Problems.isApi(request)) {
                                Problems.write(json, request, response, anonymous
                                        ? Problems.of(HttpStatus.UNAUTHORIZED, LOG_IN)
                                        : Problems.of(HttpStatus.FORBIDDEN, forbidden(current, denied)));
                            } else {
                                response.sendError(anonymous ? HttpServletResponse.SC_UNAUTHORIZED
                                        : HttpServletResponse.SC_FORBIDDEN, denied.getMessage());
                            }
                        }))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(csrfTokenHandler)
                        // Scripts authenticate on every request (Basic or API key); only the browser session needs a token.
                        .ignoringRequestMatchers(hasAuthorizationHeader,
                                request -> request.getHeader(API_KEY_HEADER) != null,
                                new AntPathRequestMatcher("/engine-rest/**"),
                                new AntPathRequestMatcher("/camunda/**")))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    /** Why a login was refused, in words that say what would be let in. */
    static String forbidden(Authentication current, AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            return "the request has no valid CSRF token: the pages send the XSRF-TOKEN cookie back in the"
                    + " X-XSRF-TOKEN header; scripts log in with HTTP Basic or send " + API_KEY_HEADER
                    + " instead, which needs no token";
        }
        if (current.getAuthorities().stream().anyMatch(a -> "ROLE_INTEGRATION".equals(a.getAuthority()))) {
            return "the API key only reports missed calls (POST /api/missed-calls); everything else needs an admin"
                    + " login";
        }
        return "this needs an admin login: user '" + current.getName() + "' is not in the camunda-admin group";
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
        private final ObjectMapper json;

        ApiKeyFilter(String key, ObjectMapper json) {
            this.key = key == null || key.isBlank() ? null : key.getBytes(StandardCharsets.UTF_8);
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String presented = request.getHeader(API_KEY_HEADER);
            if (presented != null) {
                if (key == null || !MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
                    Problems.write(json, request, response, Problems.of(HttpStatus.UNAUTHORIZED,
                            "the " + API_KEY_HEADER + " header does not hold this server's API key: "
                                    + HOW_TO_LOG_IN));
                    return;
                }
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "api-key", null, List.of(new SimpleGrantedAuthority("ROLE_INTEGRATION"))));
            }
            chain.doFilter(request, response);
        }
    }
}
