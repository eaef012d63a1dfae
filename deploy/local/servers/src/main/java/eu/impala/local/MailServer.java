package eu.impala.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) in this JVM, for the tests and the local platform: it accepts every message and
 * keeps it, so a test can assert on what was really sent. It can be stopped and started again on the same port
 * (what it received before is kept), to test what a sender does while the SMTP server is away. It also serves IMAP,
 * with one account: the unsubscribe mailbox ({@link #UNSUBSCRIBE_MAILBOX}) that notifications reads the
 * {@code mailto:} unsubscribes from.
 */
public final class MailServer implements AutoCloseable {

    /** A message as it arrived; {@code headers} by lower-case name, each with its values in order. */
    public record Received(String to, String from, String subject, String text, String html,
                           java.util.Map<String, List<String>> headers) {

        /** The first value of header {@code name} (any case), unfolded; null when the message has none. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** The mailbox of the List-Unsubscribe header's {@code mailto:} on this machine; its IMAP login is the same. */
    public static final String UNSUBSCRIBE_MAILBOX = "unsubscribe@impalamusic.org";
    /** The IMAP password of {@link #UNSUBSCRIBE_MAILBOX}: local only. */
    public static final String UNSUBSCRIBE_PASSWORD = "local-unsubscribe-mailbox";

    private static final long STARTUP_TIMEOUT_MS = 30_000;

    private static MailServer shared;

    private final int port;
    private final int imapPort;
    private final List<Received> archived = new ArrayList<>();
    private int archivedCount;
    private GreenMail server;

    public MailServer(int port, int imapPort) {
        this.port = port;
        this.imapPort = imapPort;
    }

    /** The SMTP server of this test JVM, started on a free port. */
    public static synchronized MailServer forTests() {
        if (shared == null) {
            shared = new MailServer(Ports.free(), Ports.free());
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "impala-smtp-stop"));
        }
        return shared;
    }

    public synchronized void start() {
        if (server == null) {
            // a machine busy starting the platform can take longer than GreenMail's default 2 s to open both ports
            ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
            smtp.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
            imap.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
            server = new GreenMail(new ServerSetup[] {smtp, imap});
            server.start();
            server.setUser(UNSUBSCRIBE_MAILBOX, UNSUBSCRIBE_MAILBOX, UNSUBSCRIBE_PASSWORD);
        }
    }

    /** Stops accepting mail; what was received stays readable. */
    public synchronized void stop() {
        if (server != null) {
            List<Received> kept = read(server);
            archived.addAll(kept);
            archivedCount += kept.size();
            server.stop();
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** The IMAP port, where {@link #UNSUBSCRIBE_MAILBOX} is read. */
    public int imapPort() {
        return imapPort;
    }

    /**
     * What notifications needs to read the unsubscribe mailbox of this server: its {@code
     * impala.notifications.unsubscribe.*} settings, as environment variables.
     */
    public java.util.Map<String, String> unsubscribeMailboxEnv() {
        return java.util.Map.of("IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILTO", UNSUBSCRIBE_MAILBOX,
                "IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_HOST", "127.0.0.1",
                "IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_PORT", Integer.toString(imapPort),
                "IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_PROTOCOL", "imap",
                "IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_USERNAME", UNSUBSCRIBE_MAILBOX,
                "IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_PASSWORD", UNSUBSCRIBE_PASSWORD);
    }

    /** How many messages arrived, without reading them: cheap enough to poll. */
    public synchronized int count() {
        return archivedCount + (server == null ? 0 : server.getReceivedMessages().length);
    }

    public synchronized List<Received> received() {
        List<Received> all = new ArrayList<>(archived);
        if (server != null) {
            all.addAll(read(server));
        }
        return all;
    }

    /** The messages matching {@code wanted}, once there are at least {@code count} of them. */
    public List<Received> await(Predicate<Received> wanted, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> found;
        do {
            found = received().stream().filter(wanted).toList();
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + count + " matching message(s) within " + timeout + ", got " + found.size());
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private static List<Received> read(GreenMail server) {
        List<Received> result = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            try {
                String[] parts = new String[2];
                collect(m.getContent(), m.getContentType(), parts);
                String to = Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                        .reduce((a, b) -> a + "," + b).orElse("");
                java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
                for (java.util.Enumeration<jakarta.mail.Header> all = m.getAllHeaders(); all.hasMoreElements(); ) {
                    jakarta.mail.Header h = all.nextElement();
                    headers.computeIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), n -> new ArrayList<>())
                            .add(jakarta.mail.internet.MimeUtility.unfold(h.getValue()));
                }
                result.add(new Received(to, m.getFrom() == null ? null : m.getFrom()[0].toString(), m.getSubject(),
                        parts[0], parts[1], headers));
            } catch (Exception e) {
                throw new IllegalStateException("unreadable message", e);
            }
        }
        return result;
    }

    private static void collect(Object content, String type, String[] parts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else if (content instanceof String text) {
            if (type != null && type.toLowerCase().startsWith("text/html")) {
                parts[1] = text;
            } else if (parts[0] == null) {
                parts[0] = text;
            }
        }
    }
}
