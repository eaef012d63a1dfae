package eu.impala.commons.events;

/** An incoming record that can never be processed (bad headers, unreadable data): it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
