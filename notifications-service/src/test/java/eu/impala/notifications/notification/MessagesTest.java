package eu.impala.notifications.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.qute.i18n.Message;

/** Every text an email or notice shows exists in each of the five languages, with the same parameters as in English. */
class MessagesTest {

    private static final List<String> TRANSLATIONS = List.of("de", "es", "fr", "it");
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    @Test
    void eachTranslationHasEveryMessageAndNoOther() throws IOException {
        Set<String> english = new TreeSet<>();
        Arrays.stream(Msg.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Message.class))
                .map(Method::getName).forEach(english::add);
        for (String lang : TRANSLATIONS) {
            assertEquals(english, new TreeSet<>(translation(lang).stringPropertyNames()), "msg_" + lang + ".properties");
        }
    }

    @Test
    void eachTranslationNamesTheParametersTheEnglishTextNames() throws IOException {
        for (Method method : Msg.class.getDeclaredMethods()) {
            Message message = method.getAnnotation(Message.class);
            if (message == null) {
                continue;
            }
            Set<String> expected = parameters(message.value());
            for (String lang : TRANSLATIONS) {
                String text = translation(lang).getProperty(method.getName());
                assertTrue(text != null && !text.isBlank(), lang + ": " + method.getName());
                assertEquals(expected, parameters(text), lang + ": " + method.getName());
            }
        }
    }

    private static Set<String> parameters(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PARAMETER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Properties translation(String lang) throws IOException {
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/messages/msg_" + lang + ".properties"),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
