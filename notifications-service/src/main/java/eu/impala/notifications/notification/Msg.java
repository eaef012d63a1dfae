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

    @Message("You receive IMPALA campaign news because you agreed to it.")
    String footer_campaigns();

    @Message("You receive IMPALA newsletters because you agreed to them.")
    String footer_newsletters();

    @Message("You receive this email because you are a contact of an IMPALA member: it is news about the membership.")
    String footer_membershipNews();

    @Message("Your IMPALA news")
    String announcementDigest_subject();

    @Message("News from IMPALA since your last digest:")
    String announcementDigest_intro();

    @Message("Unsubscribe from these emails")
    String footer_unsubscribe();

    @Message("You receive this email because you are a contact of {member}, an IMPALA member: it concerns its membership or an action taken in its name, so it is sent whatever your email preferences.")
    String footer_transactional(String member);

    @Message("You receive this email because you are the primary contact of {member}, an IMPALA member: it concerns its membership. Membership emails can be turned off in your notification preferences (topic MEMBERSHIP); the reminder then still shows in the member's inbox in the app.")
    String footer_reminder(String member);

    @Message("membership news")
    String topic_membership();

    @Message("campaign news")
    String topic_campaigns();

    @Message("newsletters")
    String topic_newsletters();

    @Message("Unsubscribe")
    String unsubscribe_title();

    @Message("Stop receiving {topic} from IMPALA by email? Other messages and the notices in the app stay as they are.")
    String unsubscribe_question(String topic);

    @Message("Unsubscribe")
    String unsubscribe_confirm();

    @Message("Done: you will no longer receive {topic} from IMPALA by email.")
    String unsubscribe_done(String topic);
}
