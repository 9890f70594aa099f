package io.textback;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TextbackApplication {

    public static void main(String[] args) {
        SpringApplication.run(TextbackApplication.class, args);
    }
}
