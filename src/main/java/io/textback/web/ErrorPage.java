package io.textback.web;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Boot's error page, except for a request of the JSON API: an error that no controller
 * answered (a filter's, the container's) is problem details there too, with no exception text.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorPage extends BasicErrorController {

    private final ObjectMapper json;

    ErrorPage(ErrorAttributes errorAttributes, ServerProperties server, ObjectProvider<ErrorViewResolver> resolvers,
              ObjectMapper json) {
        super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
        this.json = json;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (!Problems.isApi(request)) {
            return super.errorHtml(request, response);
        }
        try {
            Problems.write(json, request, response, problem(request));
        } catch (IOException clientGone) {
            // nothing left to answer
        }
        return null;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (!Problems.isApi(request)) {
            return super.error(request);
        }
        var problem = problem(request);
        problem.setInstance(Problems.instance(request));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json.convertValue(problem, new TypeReference<Map<String, Object>>() { }));
    }

    private ProblemDetail problem(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        return Problems.of(status, ApiErrors.sentenceFor(status.value()));
    }
}
