package eu.impala.notifications.unsubscribe;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.jboss.logging.Logger;

import eu.impala.commons.problem.ProblemException;
import eu.impala.notifications.NotificationsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Reads the {@code mailto:} unsubscribes (RFC 2369): a mail client that does not POST sends a message to the
 * unsubscribe mailbox whose subject is {@code unsubscribe-<token>}, the token of the https link beside it. Each unseen
 * message is read once: one naming a valid token switches that token's topic off, like the POST, and is deleted (it
 * holds the sender's address, which the platform has no use for); any other (a person writing, an expired or forged
 * token) is left, marked seen, for the secretariat to read. The token is the only authority: the sender's address
 * is neither checked nor kept, so forwarding an email cannot unsubscribe anyone but its addressee.
 */
@ApplicationScoped
public class MailboxReader {

    private static final Logger LOG = Logger.getLogger(MailboxReader.class);
    private static final Pattern TOKEN = Pattern.compile("unsubscribe-([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    /** What one reading did, for the log and the tests. */
    public record Reading(int applied, int leftForPeople) {
    }

    private final NotificationsConfig.Unsubscribe config;
    private final UnsubscribeTokens tokens;
    private final Unsubscriptions unsubscriptions;

    public MailboxReader(NotificationsConfig config, UnsubscribeTokens tokens, Unsubscriptions unsubscriptions) {
        this.config = config.unsubscribe();
        this.tokens = tokens;
        this.unsubscriptions = unsubscriptions;
    }

    /** An address in the header that nobody reads, or a mailbox read for no address: refused at the start. */
    void started(@Observes StartupEvent event) {
        check(config);
    }

    static void check(NotificationsConfig.Unsubscribe config) {
        boolean mailto = config.mailto().filter(m -> !m.isBlank()).isPresent();
        boolean read = config.mailbox().host().filter(h -> !h.isBlank()).isPresent();
        if (mailto && !read) {
            throw new IllegalStateException("impala.notifications.unsubscribe.mailto is set but "
                    + "impala.notifications.unsubscribe.mailbox.host is not: the List-Unsubscribe header would name a "
                    + "mailbox nobody reads. Set the mailbox (host, username, password) or leave mailto empty.");
        }
        if (read && !mailto) {
            throw new IllegalStateException("impala.notifications.unsubscribe.mailbox.host is set but "
                    + "impala.notifications.unsubscribe.mailto is not: name the mailbox's address, or leave both empty.");
        }
        if (read && (config.mailbox().username().isEmpty() || config.mailbox().password().isEmpty())) {
            throw new IllegalStateException("impala.notifications.unsubscribe.mailbox needs a username and a password");
        }
        String protocol = config.mailbox().protocol();
        if (!"imaps".equals(protocol) && !"imap".equals(protocol)) {
            throw new IllegalStateException("impala.notifications.unsubscribe.mailbox.protocol must be imaps or imap, not "
                    + protocol);
        }
    }

    /** Skips the schedule when no mailbox is configured. */
    @jakarta.inject.Singleton
    public static class Off implements Scheduled.SkipPredicate {

        @jakarta.inject.Inject
        NotificationsConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return config.unsubscribe().mailbox().host().filter(h -> !h.isBlank()).isEmpty();
        }
    }

    // Jakarta Mail blocks: a void method runs on a worker thread, never the event loop
    @Scheduled(every = "${impala.notifications.unsubscribe.mailbox.poll:60s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    void tick() {
        try {
            Reading reading = read();
            if (reading.applied() + reading.leftForPeople() > 0) {
                LOG.infof("unsubscribe mailbox: %d unsubscribe(s) applied, %d message(s) left for people",
                        reading.applied(), reading.leftForPeople());
            }
        } catch (MessagingException e) {
            // the server away or the login refused: the next reading tries again; the message says which, no address
            LOG.warnf("unsubscribe mailbox not read: %s", e.getMessage());
        }
    }

    /** Reads the unseen messages (at most the batch) once. */
    public Reading read() throws MessagingException {
        NotificationsConfig.Mailbox mailbox = config.mailbox();
        Properties props = new Properties();
        String protocol = mailbox.protocol();
        props.put("mail.store.protocol", protocol);
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "30000");
        if ("imaps".equals(protocol)) {
            props.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(props);
        int applied = 0;
        int left = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(mailbox.host().orElseThrow(), mailbox.port(), mailbox.username().orElseThrow(),
                    mailbox.password().orElseThrow());
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            boolean expunge = false;
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < unseen.length && i < mailbox.batch(); i++) {
                    Message message = unseen[i];
                    try {
                        if (apply(message.getSubject())) {
                            message.setFlag(Flags.Flag.DELETED, true);
                            expunge = true;
                            applied++;
                        } else {
                            message.setFlag(Flags.Flag.SEEN, true);
                            left++;
                        }
                    } catch (jakarta.mail.MessageRemovedException e) {
                        // another replica handled it meanwhile
                    }
                }
            } finally {
                folder.close(expunge);
            }
        }
        return new Reading(applied, left);
    }

    /** True when the subject carries a valid token and its unsubscribe is done (or the contact is gone). */
    private boolean apply(String subject) {
        Matcher token = subject == null ? null : TOKEN.matcher(subject);
        if (token == null || !token.find()) {
            return false;
        }
        UnsubscribeTokens.Claim claim;
        try {
            claim = tokens.verify(token.group(1), Instant.now());
        } catch (ProblemException e) {
            return false;
        }
        try {
            unsubscriptions.apply(claim).await().atMost(APPLY_TIMEOUT);
            LOG.infof("a contact unsubscribed from %s emails by mail", claim.topic());
        } catch (ProblemException e) {
            // erased since: nothing left to switch off, and nothing a person could do with the message
            LOG.infof("an unsubscribe by mail for a contact no longer known");
        }
        return true;
    }
}
