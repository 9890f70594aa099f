package io.textback;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TextbackApplication {

    /**
     * The JDK's own XML builder and transformer. Twilio's SDK renders every TwiML answer with new
     * ones ({@code TwiML.toXml}), and without these names JAXP looks through every jar of the app for
     * another implementation each time: 7% of the CPU of a webhook under load, to find none.
     */
    private static final Map<String, String> JDK_XML_FACTORIES = Map.of(
            "javax.xml.parsers.DocumentBuilderFactory", "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
            "javax.xml.transform.TransformerFactory", "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");

    public static void main(String[] args) {
        // A factory named on the command line stays.
        JDK_XML_FACTORIES.forEach((factory, implementation) -> {
            if (System.getProperty(factory) == null) {
                System.setProperty(factory, implementation);
            }
        });
        SpringApplication.run(TextbackApplication.class, args);
    }
}
