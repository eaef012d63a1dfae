package eu.impala.local;

/** A server of the local platform could not be found, prepared or started; the message says what to do. */
public class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
