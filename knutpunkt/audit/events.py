"""The registered vocabulary of audit events. An event name not listed here cannot be written."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EVENTS: dict[str, Promise] = {
    # Sign-in and accounts
    "auth.login": _("Inloggning"),
    "auth.login_failed": _("Misslyckad inloggning"),
    "auth.logout": _("Utloggning"),
    "auth.second_factor_enrolled": _("Tvåfaktorsinloggning aktiverad"),
    "auth.second_factor_reset": _("Tvåfaktorsinloggning återställd"),
    "auth.unit_switched": _("Byte av enhet"),
    "auth.password_changed": _("Lösenord bytt"),
    # Organisation administration
    "organisation.unit_created": _("Enhet skapad"),
    "organisation.unit_changed": _("Enhet ändrad"),
    "organisation.user_created": _("Användare skapad"),
    "organisation.membership_added": _("Behörighet tilldelad"),
    "organisation.membership_ended": _("Behörighet avslutad"),
    # Personal data
    "person.searched": _("Sökning efter person"),
    "person.listed": _("Person visad i sökresultat"),
    "person.viewed": _("Personuppgifter visade"),
    "person.protected_address_viewed": _("Skyddad adress visad"),
    "person.created": _("Person registrerad"),
    "person.create_refused": _("Registrering nekad – numret fanns redan"),
    "person.changed": _("Personuppgifter ändrade"),
    "person.registration_added": _("Registrering hos organisation"),
    "person.registration_ended": _("Registrering avslutad"),
    "person.guardian_added": _("Vårdnadshavare/närstående tillagd"),
    "person.guardian_ended": _("Vårdnadshavare/närstående avslutad"),
    "consent.viewed": _("Samtycke visat"),
    "consent.recorded": _("Samtycke registrerat"),
    "consent.withdrawn": _("Samtycke återkallat"),
    # Coordinated plans (SIP)
    "plan.viewed": _("SIP visad"),
    "plan.listed": _("SIP visad i arbetslista"),
    "plan.requested": _("SIP begärd"),
    "plan.prepared": _("SIP förberedd"),
    "plan.participant_added": _("Deltagare tillagd i SIP"),
    "plan.participant_changed": _("Deltagare ändrad i SIP"),
    "plan.participant_removed": _("Deltagare borttagen ur SIP"),
    "plan.invitation_added": _("Enhet tillagd som inbjuden"),
    "plan.invitation_withdrawn": _("Inbjudan återtagen"),
    "plan.invitations_sent": _("Inbjudningar skickade"),
    "plan.invitation_accepted": _("Inbjudan accepterad"),
    "plan.invitation_declined": _("Inbjudan avböjd"),
    "plan.meeting_booked": _("SIP-möte bokat"),
    "plan.meeting_changed": _("SIP-möte ändrat"),
    "plan.meeting_cancelled": _("SIP-möte inställt"),
    "plan.meeting_held": _("SIP-möte hållet"),
    "plan.item_added": _("Innehåll tillagt i SIP"),
    "plan.item_changed": _("Innehåll ändrat i SIP"),
    "plan.item_removed": _("Innehåll borttaget ur SIP"),
    "plan.text_changed": _("SIP ändrad"),
    "plan.commitment_status": _("Åtagandets status ändrad"),
    "plan.established": _("SIP fastställd"),
    "plan.version_viewed": _("SIP-version visad"),
    "plan.person_copy": _("Personens version av SIP skapad"),
    "plan.followed_up": _("SIP följd upp"),
    "plan.closed": _("SIP avslutad"),
    "plan.reminder_dismissed": _("Påminnelse om SIP avfärdad"),
    # The open API
    "api.key_created": _("API-nyckel skapad"),
    "api.key_revoked": _("API-nyckel spärrad"),
    # The log itself
    "audit.reviewed": _("Loggkontroll dokumenterad"),
    "audit.extract_created": _("Loggutdrag skapat"),
    "audit.retention_run": _("Gallring av logg"),
    # Open statistics
    "indicators.imported": _("Nyckeltal importerade"),
    # Prevention: action plans, situation reports (Lag 2023:196), follow-ups and cost calculations (aggregate data)
    "prevention.report_created": _("Lägesbild skapad"),
    "prevention.report_changed": _("Lägesbild ändrad"),
    "prevention.report_done": _("Lägesbild klar"),
    "prevention.plan_created": _("Handlingsplan skapad"),
    "prevention.plan_changed": _("Handlingsplan ändrad"),
    "prevention.plan_decided": _("Handlingsplan beslutad"),
    "prevention.goal_saved": _("Mål i handlingsplan sparat"),
    "prevention.goal_removed": _("Mål i handlingsplan borttaget"),
    "prevention.measure_added": _("Åtgärd tillagd i handlingsplan"),
    "prevention.measure_changed": _("Åtgärd ändrad i handlingsplan"),
    "prevention.measure_removed": _("Åtgärd borttagen ur handlingsplan"),
    "prevention.indicator_linked": _("Åtgärd kopplad till nyckeltal"),
    "prevention.indicator_link_changed": _("Åtgärdens koppling till nyckeltal ändrad"),
    "prevention.indicator_unlinked": _("Åtgärdens koppling till nyckeltal borttagen"),
    "prevention.followup_recorded": _("Uppföljning av handlingsplan registrerad"),
    "prevention.costs_saved": _("Kalkyl över utanförskapets kostnader sparad"),
    "prevention.report_downloaded": _("Rapport till nämnden hämtad som PDF"),
}


def label(event: str) -> str:
    return str(EVENTS.get(event, event))
