package io.textback.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of the API the settings page uses, at /v3/api-docs (admin login). */
@Configuration
class OpenApiConfiguration {

    @Bean
    OpenAPI textbackApi() {
        return new OpenAPI().info(new Info().title("Textback API")
                .description("Accounts, missed-call text-back settings, test messages, voicemail greetings, usage"
                        + " and the message log. Every path needs the admin login.")
                .version("1"));
    }
}
