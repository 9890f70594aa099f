package io.textback.web;

import io.textback.system.CallLogContext;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Twilio webhook's lines carry its CallSid from the first one (the signature check included);
 * the account and recipe instance join once known. A pooled thread never keeps a call's ids.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CallLogContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            if (request.getRequestURI().startsWith("/twilio/voice/")) {
                CallLogContext.call(request.getParameter("CallSid"), null);
            }
            chain.doFilter(request, response);
        } finally {
            CallLogContext.clear();
        }
    }
}
