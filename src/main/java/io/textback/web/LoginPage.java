package io.textback.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/** The login page, with the product's name and where the first password comes from. */
@Controller
class LoginPage {

    private final String page;

    LoginPage() throws IOException {
        this.page = new ClassPathResource("login/login.html").getContentAsString(StandardCharsets.UTF_8);
    }

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(CsrfToken csrf, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String logout) {
        String message = error != null ? "Wrong user or password." : logout != null ? "You are logged out." : "";
        return page.replace("{{csrf}}", HtmlUtils.htmlEscape(csrf.getToken())).replace("{{message}}", message);
    }
}
