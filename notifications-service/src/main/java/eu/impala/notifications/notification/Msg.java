package eu.impala.notifications.notification;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every sentence a notification says, in English here and translated in {@code messages/msg_<lang>.properties}
 * (fr, de, es, it); a language without a file falls back to English.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message("Hello {name},")
    String greeting(String name);

    @Message("The IMPALA secretariat")
    String signature();

    @Message("Welcome to IMPALA, {member}")
    String welcome_subject(String member);

    @Message("{member} is now registered with IMPALA, the independent music companies association. Your membership team will be in touch about the next steps.")
    String welcome_body(String member);

    @Message("{member} has joined through your association")
    String memberJoined_title(String member);

    @Message("Membership of {member}: now {status}")
    String statusChanged_subject(String member, String status);

    @Message("The membership status of {member} changed from {from} to {to}.")
    String statusChanged_body(String member, String from, String to);

    @Message("Membership of {member}: renewal due on {date}")
    String renewalDue_subject(String member, String date);

    @Message("The IMPALA membership of {member} falls due for renewal on {date}, in {days} days. Please renew it before then, so that it does not lapse.")
    String renewalDue_body(String member, String date, Integer days);

    @Message("New campaign: {title}")
    String campaignPublished_subject(String title);

    @Message("IMPALA has opened a new campaign: {title}. {summary}")
    String campaignPublished_body(String title, String summary);

    @Message("Your signature of {title} is recorded")
    String signatureConfirmed_subject(String title);

    @Message("Thank you: {member} now supports the campaign {title}.")
    String signatureConfirmed_body(String member, String title);

    @Message("{title} has reached its goal of {goal} signatories")
    String goalReached_title(String title, Integer goal);

    @Message("Your IMPALA campaign news")
    String digest_subject();

    @Message("Campaigns opened since your last digest:")
    String digest_intro();
}
